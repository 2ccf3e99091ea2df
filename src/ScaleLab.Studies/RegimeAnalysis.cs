using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Store;

namespace ScaleLab.Studies;

/// <summary>
/// Fits y = A·x^(−alpha) to each regime of a study with the core <see cref="Fitter"/> (squared log
/// residuals, i.e. the log–log least-squares slope Bahri et al. report) and puts a seeded
/// percentile-bootstrap interval over runs on alpha.
/// </summary>
public static class RegimeAnalysis
{
    /// <summary>Bootstrap resamples used when the caller does not say.</summary>
    public const int DefaultResamples = 400;

    /// <summary>Fits every regime of <paramref name="plan"/> from the runs the store holds for it.</summary>
    public static IReadOnlyList<RegimeFit> FitAll(StudyPlan plan, RunStore store, int resamples = DefaultResamples,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var planned = plan.Runs.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var runs = store.Runs(plan.Name).Where(r => planned.Contains(r.Key)).ToArray();
        var fits = new List<RegimeFit>();
        foreach (var regime in plan.Regimes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var observations = RunObservations.From(runs.Where(r => r.Group == regime.Group), $"{store.Path}:{plan.Name}/{regime.Group}", regime.Metric);
            fits.Add(Fit(regime, observations, resamples, RunSeed.Derive(plan.Seed, "bootstrap/" + regime.Group), cancellationToken));
            progress?.Report((double)fits.Count / plan.Regimes.Count);
        }
        return fits;
    }

    /// <summary>Fits one regime to <paramref name="observations"/>, with <paramref name="resamples"/> bootstrap refits seeded by <paramref name="seed"/>.</summary>
    public static RegimeFit Fit(Regime regime, ObservationSet observations, int resamples, long seed, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        var points = observations.Observations.Where(o => o.Metric > 0).ToArray();
        var diagnostics = new List<Diagnostic>(observations.Diagnostics);
        if (points.Length < observations.Count)
        {
            diagnostics.Add(Diagnostic.Warning("non-positive-metric",
                $"{observations.Count - points.Length} run(s) with {regime.Metric} ≤ 0 left out: a power law in log space cannot use them"));
        }
        var sizes = points.Select(o => o.Get(regime.Variable)).ToArray();
        var range = sizes.Length == 0 ? (double.NaN, double.NaN) : (sizes.Min(), sizes.Max());
        if (sizes.Distinct().Count() < 2)
        {
            diagnostics.Add(Diagnostic.Error("too-few-sizes", $"{sizes.Distinct().Count()} distinct size(s) in regime '{regime.Name}': no exponent can be measured"));
            return new RegimeFit
            {
                Regime = regime, Points = points.Length, Lower = double.NaN, Upper = double.NaN, IntervalMethod = "none",
                Resamples = [], Range = range, Diagnostics = diagnostics,
            };
        }

        var law = new PowerLaw(regime.Variable);
        var data = ScalingData.From(points);
        var options = new FitOptions { Objective = FitObjective.SquaredLog, Parallelism = 1 };
        var fit = Fitter.Fit(law, data, options, cancellationToken: cancellationToken);
        diagnostics.AddRange(fit.Diagnostics);

        // Resamples warm-start from the full-data optimum (SCIENCE.md §12.2); the model is linear in θ, so one start suffices.
        var warm = new FitOptions { Objective = FitObjective.SquaredLog, Parallelism = 1, Starts = [fit.Theta] };
        var random = new Random(unchecked((int)seed));
        var indices = new int[points.Length];
        var refits = new List<(double A, double Alpha)>(resamples);
        int degenerate = 0;
        for (int b = 0; b < resamples; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int i = 0; i < indices.Length; i++) indices[i] = random.Next(points.Length);
            // A resample that holds one size only has no slope; it is counted, not fitted.
            if (indices.Select(i => sizes[i]).Distinct().Count() < 2)
            {
                degenerate++;
                continue;
            }
            var refit = Fitter.Fit(law, data.Select(indices), warm, cancellationToken: cancellationToken);
            if (refit.Status == FitStatus.Failed) { degenerate++; continue; }
            refits.Add((refit.Parameters["A"], refit.Parameters["alpha"]));
        }
        if (degenerate > 0)
        {
            diagnostics.Add(Diagnostic.Info("bootstrap-degenerate", $"{degenerate} of {resamples} resamples had a single size or failed and were dropped"));
        }
        var alphas = refits.Select(r => r.Alpha).Order().ToArray();
        double lower = alphas.Length > 0 ? Percentile(alphas, 0.025) : double.NaN;
        double upper = alphas.Length > 0 ? Percentile(alphas, 0.975) : double.NaN;
        if (points.Length < 8)
        {
            diagnostics.Add(Diagnostic.Warning("few-runs", $"{points.Length} runs: a bootstrap over so few points understates the uncertainty"));
        }
        return new RegimeFit
        {
            Regime = regime, Points = points.Length, Fit = fit, Lower = lower, Upper = upper,
            IntervalMethod = string.Create(CultureInfo.InvariantCulture, $"95% percentile bootstrap over runs, {refits.Count} refits, seed {seed}"),
            Resamples = refits, Range = range, Diagnostics = diagnostics,
        };
    }

    /// <summary>Linear-interpolation percentile (type 7) of sorted values; <paramref name="q"/> in [0, 1].</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        double h = (sorted.Count - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
