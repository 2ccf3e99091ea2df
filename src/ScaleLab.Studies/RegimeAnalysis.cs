using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Store;
using ScaleLab.Numerics;
using ScaleLab.Uncertainty;

namespace ScaleLab.Studies;

/// <summary>
/// Fits the pure power law y = (x_c/x)^alpha (<see cref="PurePowerLaw"/>) to each regime of a study
/// with the core <see cref="Fitter"/> (squared log residuals, i.e. the log–log least-squares slope
/// Bahri et al. report) and puts a seeded
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
        ArgumentNullException.ThrowIfNull(plan);
        return FitAll(plan.Name, plan.Seed, plan.Regimes, store, resamples, progress, cancellationToken);
    }

    /// <summary>
    /// Fits <paramref name="regimes"/> of the study <paramref name="study"/> (seed <paramref name="seed"/>)
    /// from the runs the store holds, e.g. with the regimes <see cref="StoredRegimes"/> reads back.
    /// </summary>
    public static IReadOnlyList<RegimeFit> FitAll(string study, long seed, IReadOnlyList<Regime> regimes, RunStore store, int resamples = DefaultResamples,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(regimes);
        ArgumentNullException.ThrowIfNull(store);
        var runs = store.Runs(study).ToDictionary(r => r.Key, StringComparer.Ordinal);
        var fits = new List<RegimeFit>();
        foreach (var regime in regimes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sizes = new List<double>();
            var metrics = new List<double>();
            int failed = 0, missing = 0;
            // Run keys are in plan order (see StudyPlan.Regimes), not completion order: the fit must not depend on which worker finished first.
            foreach (var key in regime.RunKeys)
            {
                if (!runs.TryGetValue(key, out var run) || run.Outcome is not { } o) { failed++; continue; }
                double? size = regime.Variable == ScaleVariable.Parameters ? o.Parameters.Value : o.Tokens?.Value;
                if (size is null || !o.HeldOut.TryGetValue(regime.Metric, out var y) || !double.IsFinite(y)) { missing++; continue; }
                sizes.Add(size.Value);
                metrics.Add(y);
            }
            var fit = Fit(regime, sizes, metrics, resamples, RunSeed.Derive(seed, "bootstrap/" + regime.Name), cancellationToken);
            if (failed > 0 || missing > 0)
            {
                fit = fit with
                {
                    Diagnostics = [.. fit.Diagnostics, Diagnostic.Warning("runs-left-out",
                        $"{failed} failed or missing run(s) and {missing} run(s) without a finite {regime.Metric} or {regime.Variable} left out")],
                };
            }
            fits.Add(fit);
            progress?.Report((double)fits.Count / regimes.Count);
        }
        return fits;
    }

    /// <summary>
    /// Fits one regime to (size, metric) pairs, with <paramref name="resamples"/> bootstrap refits
    /// seeded by <paramref name="seed"/>. Pairs with a metric ≤ 0 are left out (log space).
    /// </summary>
    public static RegimeFit Fit(Regime regime, IReadOnlyList<double> sizes, IReadOnlyList<double> metrics, int resamples, long seed,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        if (sizes.Count != metrics.Count) throw new ArgumentException($"{sizes.Count} sizes but {metrics.Count} metrics");
        var diagnostics = new List<Diagnostic>();
        // The one-variable law reads only the swept column; the other is set to the same value so
        // the observation satisfies the core's invariants (an infinite-data run has no D of its own).
        var points = sizes.Zip(metrics).Where(p => p.Second > 0 && p.First > 0)
            .Select(p => Observation.FromParametersAndTokens(p.First, p.First, p.Second)).ToArray();
        if (points.Length < sizes.Count)
        {
            diagnostics.Add(Diagnostic.Warning("non-positive-metric",
                $"{sizes.Count - points.Length} run(s) with {regime.Metric} ≤ 0 left out: a power law in log space cannot use them"));
        }
        var x = points.Select(o => o.Get(regime.Variable)).ToArray();
        var measured = points.Select(o => (o.Get(regime.Variable), o.Metric)).ToArray();
        var range = x.Length == 0 ? (double.NaN, double.NaN) : (x.Min(), x.Max());
        if (x.Distinct().Count() < 2)
        {
            diagnostics.Add(Diagnostic.Error("too-few-sizes", $"{x.Distinct().Count()} distinct size(s) in regime '{regime.Name}': no exponent can be measured"));
            return new RegimeFit
            {
                Regime = regime, Points = points.Length, Measured = measured, Lower = double.NaN, Upper = double.NaN, IntervalMethod = "none",
                Resamples = [], Range = range, Diagnostics = diagnostics,
            };
        }

        var law = new PurePowerLaw(regime.Variable);
        // θ = (x_c, alpha_x) in the law's order; the names carry the variable's symbol.
        string scaleName = law.Parameters[0].Name, alphaName = law.Parameters[1].Name;
        var data = ScalingData.From(points);
        var options = new FitOptions { Objective = FitObjective.SquaredLog, Parallelism = 1 };
        var fit = Fitter.Fit(law, data, options, cancellationToken: cancellationToken);
        diagnostics.AddRange(fit.Diagnostics);

        // Resamples warm-start from the full-data optimum, as Besiroglu et al. 2024 refit theirs; the model is linear in θ, so one start suffices.
        var warm = new FitOptions { Objective = FitObjective.SquaredLog, Parallelism = 1, Starts = [fit.Theta] };
        var refits = new List<(double Scale, double Alpha)>(resamples);
        int degenerate = 0;
        if (resamples > 0)
        {
            // The core bootstrap engine draws the runs; a resample that holds one size only has no slope: it is counted, not fitted.
            var (replicates, _, _) = Bootstrap.Replicate(points.Length, new BootstrapOptions { Resamples = resamples, Seed = unchecked((ulong)seed) }, (rows, _) =>
            {
                bool spread = false;
                foreach (var i in rows) if (x[i] != x[rows[0]]) { spread = true; break; }
                if (!spread) return null;
                var refit = Fitter.Fit(law, data.Select(rows), warm, cancellationToken: cancellationToken);
                return refit.Status == FitStatus.Failed ? null : new[] { refit.Parameters[scaleName], refit.Parameters[alphaName] };
            }, null, cancellationToken);
            foreach (var r in replicates)
            {
                if (r is null) degenerate++;
                else refits.Add((r[0], r[1]));
            }
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
            diagnostics.Add(Diagnostic.Info("few-runs", $"{points.Length} runs: a bootstrap over so few points understates the uncertainty"));
        }
        return new RegimeFit
        {
            Regime = regime, Points = points.Length, Measured = measured, Fit = fit, Lower = lower, Upper = upper,
            IntervalMethod = string.Create(CultureInfo.InvariantCulture, $"95% percentile bootstrap over runs, {refits.Count} refits, seed {seed}"),
            Resamples = refits, Range = range, Diagnostics = diagnostics,
        };
    }

    /// <summary>The type-7 percentile of sorted values (<see cref="Quantile"/>); <paramref name="q"/> in [0, 1].</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double q) =>
        Quantile.OfSorted(sorted is double[] array ? array : [.. sorted], q);
}
