using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Quantities;
using ScaleLab.Uncertainty;

namespace ScaleLab.Analysis;

/// <summary>
/// Finds the runs a fit should not be trusted to without a look: residual outliers, whose log residual lies beyond
/// k·MAD of the others on the robust z-score scale z = 0.6745·(r − median)/MAD (Iglewicz and Hoaglin 1993: k = 3.5),
/// and influential runs, whose removal alone moves a free parameter by more than one standard error (the leave-one-out
/// change, refitted from the optimum, in units of the identifiability check's standard errors). Residual outliers are
/// then left out together and the law refitted from its usual starts: they earn a warning only when that moves a
/// parameter by more than a standard error, so runs that are merely noisy stay informational. See docs/diagnostics.md.
/// </summary>
public static class OutlierCheck
{
    /// <summary>Robust z-score beyond which a run counts as a residual outlier.</summary>
    public const double DefaultThreshold = 3.5;

    /// <summary>Most runs for which every leave-one-out refit is computed; above it only the residual outliers are refitted.</summary>
    public const int MaxLeaveOneOut = 1000;

    /// <summary>Most rows a diagnostic names before it says how many more there are.</summary>
    private const int NamedRows = 10;

    /// <summary>Checks <paramref name="fit"/> of its law to <paramref name="data"/>; <paramref name="rows"/> are the source rows of the points.</summary>
    public static OutlierReport Check(ScalingData data, IReadOnlyList<int> rows, FitResult fit, IdentifiabilityResult identifiability,
        double threshold = DefaultThreshold, CancellationToken cancellationToken = default)
    {
        var law = fit.Law;
        int n = data.Count;
        var residuals = new double[n];
        law.EvaluateLog(fit.Theta, data, residuals, Span<double>.Empty);
        for (int i = 0; i < n; i++) residuals[i] = data.LogY[i] - residuals[i];
        double median = Median(residuals);
        var deviations = new double[n];
        for (int i = 0; i < n; i++) deviations[i] = Math.Abs(residuals[i] - median);
        double mad = Median(deviations);
        // An exact fit (or a handful of runs) has no scatter to measure distance against.
        if (!(mad > 1e-12) || n < 5) return new OutlierReport { Threshold = threshold, Mad = mad };
        var z = new double[n];
        for (int i = 0; i < n; i++) z[i] = 0.6745 * (residuals[i] - median) / mad;
        var outliers = Enumerable.Range(0, n).Where(i => Math.Abs(z[i]) > threshold).OrderByDescending(i => Math.Abs(z[i])).ToArray();

        var map = ParameterMap.Create(law, fit.Options.Fixed, fit.Options.Ties, fit.Options.Bounds);
        int m = map.FreeCount;
        bool refit = m > 0 && n > m + 2 && fit.Status == FitStatus.Converged;
        var best = map.Project(fit.Theta);
        var problem = new FitProblem(law, data, fit.Options with { Parallelism = 1, MaxStarts = null });
        bool all = refit && n <= MaxLeaveOneOut;
        var candidates = !refit ? [] : all ? Enumerable.Range(0, n).ToArray() : outliers;
        var influence = new double[n];
        var shifted = new double[n][];
        Parallel.ForEach(candidates, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(1, fit.Options.Parallelism ?? Environment.ProcessorCount) }, i =>
        {
            var keep = new int[n - 1];
            for (int k = 0, t = 0; k < n; k++) if (k != i) keep[t++] = k;
            var without = Fitter.Fit(problem.WithData(data.Select(keep), [fit.Theta]), null, cancellationToken);
            shifted[i] = without.Theta;
            influence[i] = Influence(map, best, without.Theta, identifiability.StandardErrors);
        });

        double joint = 0;
        double[]? jointTheta = null;
        if (refit && outliers.Length > 0 && n - outliers.Length > m + 2)
        {
            var keep = Enumerable.Range(0, n).Except(outliers).ToArray();
            // Left out together, the outliers can move the optimum far (Epoch's five move B six-fold): refit from the law's own starts.
            var again = Fitter.Fit(new FitProblem(law, data.Select(keep), fit.Options), null, cancellationToken);
            if (again.Status != FitStatus.Failed)
            {
                jointTheta = again.Theta;
                joint = Influence(map, best, again.Theta, identifiability.StandardErrors);
            }
        }

        var isOutlier = new HashSet<int>(outliers);
        var points = new List<OutlierPoint>();
        foreach (var i in outliers.Concat(candidates.Where(i => !isOutlier.Contains(i) && influence[i] > 1).OrderByDescending(i => influence[i])))
        {
            var shifts = shifted[i] is { } t ? law.ToNamed(t) : new Dictionary<string, double>();
            points.Add(new OutlierPoint(Row(rows, i), i, residuals[i], z[i], shifted[i] is null ? double.NaN : influence[i], shifts) { IsResidualOutlier = isOutlier.Contains(i) });
        }
        var diagnostics = new List<Diagnostic>();
        if (outliers.Length > 0)
        {
            string named = Names(outliers.Select(i => $"{Label(rows, i)} (z {Fmt(z[i])})").ToArray());
            string moves = jointTheta is null ? "" : Moves(fit, map, best, jointTheta, identifiability.StandardErrors);
            string message = $"{outliers.Length} run(s) lie beyond {Fmt(threshold)}·MAD of the log residuals: {named}";
            diagnostics.Add(joint > 1
                ? Diagnostic.Warning("outliers", $"{message}; leaving them out moves {moves}")
                : Diagnostic.Info("outliers", jointTheta is null ? message : $"{message}; leaving them out moves no parameter by more than a standard error"));
        }
        var influential = points.Where(p => !p.IsResidualOutlier).ToArray();
        if (influential.Length > 0)
        {
            string named = Names(influential.Select(p => $"{Label(rows, p.Index)} ({Fmt(p.Influence)} SE)").ToArray());
            diagnostics.Add(Diagnostic.Warning("influential-points",
                $"leaving out one of {influential.Length} run(s) alone moves a parameter by more than its standard error: {named}"));
        }
        return new OutlierReport
        {
            Threshold = threshold, Mad = mad, Points = points, LeaveOneOut = all, JointInfluence = joint,
            WithoutOutliers = jointTheta is null ? new Dictionary<string, double>() : law.ToNamed(jointTheta), Diagnostics = diagnostics,
        };
    }

    // Largest |Δu_f| / se_f over the free coordinates with a finite, positive standard error.
    private static double Influence(ParameterMap map, double[] best, double[] theta, IReadOnlyList<double> errors)
    {
        var u = map.Project(theta);
        double worst = 0;
        for (int f = 0; f < u.Length; f++)
        {
            if (!(errors[f] > 0) || !double.IsFinite(errors[f])) continue;
            double change = Math.Abs(u[f] - best[f]) / errors[f];
            if (!double.IsFinite(change)) return double.PositiveInfinity;
            worst = Math.Max(worst, change);
        }
        return worst;
    }

    // "B 1.28E+04 → 2.09E+03 (34 SE), beta 0.453 → 0.366 (9.8 SE)": the parameters that moved by more than a standard error.
    private static string Moves(FitResult fit, ParameterMap map, double[] best, double[] theta, IReadOnlyList<double> errors)
    {
        var law = fit.Law;
        var u = map.Project(theta);
        var parts = new List<string>();
        for (int j = 0; j < law.Parameters.Count; j++)
        {
            int f = map.FreeIndex(j);
            if (f < 0 || !(errors[f] > 0)) continue;
            double change = Math.Abs(u[f] - best[f]) / errors[f];
            if (!(change > 1)) continue;
            var p = law.Parameters[j];
            parts.Add($"{p.Name} {Fmt(p.FromInternal(fit.Theta[j]))} → {Fmt(p.FromInternal(theta[j]))} ({Fmt(change)} SE)");
        }
        return string.Join(", ", parts);
    }

    private static string Names(string[] items) =>
        items.Length <= NamedRows ? string.Join(", ", items) : string.Join(", ", items.Take(NamedRows)) + $" and {items.Length - NamedRows} more";

    private static int Row(IReadOnlyList<int> rows, int i) => i < rows.Count ? rows[i] : 0;

    private static string Label(IReadOnlyList<int> rows, int i) =>
        Row(rows, i) > 0 ? "row " + Row(rows, i).ToString(CultureInfo.InvariantCulture) : "point " + (i + 1).ToString(CultureInfo.InvariantCulture);

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static string Fmt(double v) => Quantity.Format(v, 3);
}
