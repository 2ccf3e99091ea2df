using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Quantities;

namespace ScaleLab.Uncertainty;

/// <summary>
/// Nonparametric bootstrap (Efron &amp; Tibshirani 1993; Besiroglu et al. 2024 used 4000 row resamples of
/// the Chinchilla fit): <see cref="Replicate"/> is the engine (draw rows, or whole clusters, with replacement;
/// evaluate a statistic on each resample), and <see cref="Run"/> bootstraps a fit with it, refitting each
/// resample from the full-data optimum plus a few perturbed starts and keeping every replicate. Resample b
/// uses the random stream (seed, b), and replicates are stored by index, so the result is the same for any
/// thread count.
/// </summary>
public static class Bootstrap
{
    /// <summary>Bootstraps <paramref name="fit"/>, which must be the fit of <paramref name="law"/> to <paramref name="data"/>.</summary>
    public static BootstrapResult Run(ScalingLaw law, ScalingData data, FitResult fit, BootstrapOptions options,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (fit.Status == FitStatus.Failed) throw new ArgumentException("cannot bootstrap a failed fit");
        var problem = new FitProblem(law, data, (options.FitOptions ?? fit.Options) with { Parallelism = 1, MaxStarts = null });
        var estimate = fit.Theta;
        var (samples, jackknife, units) = Replicate(data.Count, options,
            (rows, random) => Refit(problem, data.Select(rows), estimate, options.PerturbedStarts, random, cancellationToken),
            progress, cancellationToken);
        int resamples = options.Resamples;
        var failedIndices = new List<int>();
        var good = new List<double[]>(resamples);
        for (int b = 0; b < resamples; b++)
        {
            if (samples[b] is { } theta) good.Add(theta);
            else failedIndices.Add(b);
        }
        double[][]? jackGood = null;
        int jackFailed = 0;
        if (jackknife is not null)
        {
            jackGood = jackknife.Where(t => t is not null).ToArray()!;
            jackFailed = jackknife.Length - jackGood.Length;
        }
        var diagnostics = new List<Diagnostic>();
        if (failedIndices.Count > 0)
        {
            double share = (double)failedIndices.Count / resamples;
            var text = $"{failedIndices.Count} of {resamples} bootstrap refits failed or did not converge ({Pct(share)}); they are left out of the intervals";
            diagnostics.Add(share > 0.05 ? Diagnostic.Warning("bootstrap-failures", text) : Diagnostic.Info("bootstrap-failures", text));
        }
        if (jackFailed > 0) diagnostics.Add(Diagnostic.Info("jackknife-failures", $"{jackFailed} of {jackknife!.Length} jackknife refits failed; BCa uses the rest"));
        if (options.Clusters is not null && units < 10)
        {
            diagnostics.Add(Diagnostic.Warning("few-clusters", $"only {units} clusters to resample: bootstrap intervals from so few units are unreliable"));
        }
        var residuals = new double[data.Count];
        law.EvaluateLog(estimate, data, residuals, Span<double>.Empty);
        for (int i = 0; i < residuals.Length; i++) residuals[i] -= data.LogY[i];
        return new BootstrapResult(law, estimate, [.. good], [.. failedIndices], jackGood, jackFailed, residuals, options, units, diagnostics);
    }

    /// <summary>
    /// The resampling engine every bootstrap in ScaleLab runs on. Draws <see cref="BootstrapOptions.Resamples"/>
    /// resamples of <paramref name="rows"/> rows, or of whole clusters (<see cref="BootstrapOptions.Clusters"/>), with
    /// replacement, and with <see cref="BootstrapOptions.Jackknife"/> also every leave-one-unit-out sample; evaluates
    /// <paramref name="statistic"/> on each in parallel. Resample b draws from the random stream (seed, b) and
    /// jackknife sample k from (seed, −1000 − k), and results are stored by index, so they do not depend on the
    /// thread count. Returns the statistic of every resample and jackknife sample (null where it failed) and the
    /// number of units resampled.
    /// </summary>
    public static (T?[] Resamples, T?[]? Jackknife, int Units) Replicate<T>(int rows, BootstrapOptions options, ResampleStatistic<T> statistic,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default) where T : class
    {
        if (options.Resamples < 1) throw new ArgumentOutOfRangeException(nameof(options), "at least one resample is needed");
        if (options.Clusters is { } cl && cl.Count != rows) throw new ArgumentException($"cluster labels: {cl.Count} for {rows} points");
        var members = Members(rows, options.Clusters);
        int resamples = options.Resamples;
        var samples = new T?[resamples];
        int jackCount = options.Jackknife ? members.Length : 0;
        var jackknife = new T?[jackCount];
        int total = resamples + jackCount, done = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Parallelism ?? Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, total, parallel, () => new List<int>(rows * 2), (k, _, indices) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            indices.Clear();
            SeededRandom rng;
            if (k < resamples)
            {
                rng = SeededRandom.ForStream(options.Seed, k);
                for (int c = 0; c < members.Length; c++) indices.AddRange(members[rng.NextInt(members.Length)]);
            }
            else
            {
                // Jackknife k − B leaves out one row or cluster; its own stream gives what the statistic draws.
                int leftOut = k - resamples;
                rng = SeededRandom.ForStream(options.Seed, -1000 - (long)leftOut);
                for (int c = 0; c < members.Length; c++) if (c != leftOut) indices.AddRange(members[c]);
            }
            var value = statistic(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(indices), rng);
            if (k < resamples) samples[k] = value;
            else jackknife[k - resamples] = value;
            int d = Interlocked.Increment(ref done);
            if (progress is not null && (d % 50 == 0 || d == total)) progress.Report((double)d / total);
            return indices;
        }, _ => { });
        return (samples, options.Jackknife ? jackknife : null, members.Length);
    }

    /// <summary>
    /// Refits one resample from the warm start θ̂ and <paramref name="perturbed"/> starts around it;
    /// returns θ, or null when the fit failed or did not converge (the best start met no convergence
    /// test, unless its line search stalled at an optimum another start also reached).
    /// </summary>
    /// <remarks>
    /// All perturbed starts are drawn first (the random stream does not depend on what follows), then the warm start
    /// and the first perturbed one are descended; when both converge to one optimum (objectives within 1e-9) that is the refit, otherwise (or with <paramref name="confirmEarly"/>
    /// false) every start is descended. Two starts from either side of a resample's optimum rarely agree on a point
    /// the other three would leave, and the full set is descended exactly where they disagree.
    /// </remarks>
    internal static double[]? Refit(FitProblem problem, ScalingData sample, double[] warm, int perturbed, SeededRandom rng,
        CancellationToken cancellationToken, bool confirmEarly = true)
    {
        var starts = new List<double[]>(perturbed + 1) { warm };
        for (int s = 0; s < perturbed; s++)
        {
            var start = new double[warm.Length];
            // Relative jitter of ~5 % (plus 0.025 absolute for values near zero) in internal coordinates:
            // enough to leave a shallow basin the warm start may sit in, small enough to stay near the optimum.
            for (int j = 0; j < warm.Length; j++) start[j] = warm[j] + rng.NextGaussian() * (0.05 * Math.Abs(warm[j]) + 0.025);
            starts.Add(start);
        }
        if (confirmEarly && starts.Count > 2)
        {
            // Each finished on its own (the search polishes only its best start), so that agreement is to 1e-9.
            var fromWarm = Fitter.Fit(problem.WithData(sample, [warm]), null, cancellationToken);
            var fromPerturbed = Fitter.Fit(problem.WithData(sample, [starts[1]]), null, cancellationToken);
            if (Math.Abs(fromWarm.Objective - fromPerturbed.Objective) <= 1e-9 * fromWarm.Objective
                && Accepted(fromWarm.Objective <= fromPerturbed.Objective ? fromWarm : fromPerturbed) is { } agreed) return agreed;
        }
        return Accepted(Fitter.Fit(problem.WithData(sample, starts), null, cancellationToken));
    }

    /// <summary>θ of a converged refit, or null.</summary>
    private static double[]? Accepted(FitResult fit)
    {
        // The Huber loss has kinks where L-BFGS's line search can end without a convergence test
        // passing; when at least two starts agree on the optimum to 1e-9, the refit is accepted.
        bool converged = fit.Status == FitStatus.Converged
            || (fit.Status == FitStatus.NotConverged && fit.Exit == Optimization.OptimizerExit.LineSearchFailed && fit.StartsAtBest >= 2);
        if (!converged) return null;
        foreach (var v in fit.Theta) if (!double.IsFinite(v)) return null;
        return fit.Theta;
    }

    /// <summary>Row indices of each resampling unit: one per row, or one per cluster label.</summary>
    internal static int[][] Members(int count, IReadOnlyList<int>? clusters)
    {
        if (clusters is null) return Enumerable.Range(0, count).Select(i => new[] { i }).ToArray();
        return Enumerable.Range(0, count).GroupBy(i => clusters[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
    }

    /// <summary>Cluster indices from per-point labels (first appearance order does not matter: labels are sorted ordinally).</summary>
    public static int[] ClusterIndices(IReadOnlyList<string?> labels)
    {
        var distinct = labels.Select(l => l ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = distinct.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        return labels.Select(l => index[l ?? ""]).ToArray();
    }

    private static string Pct(double share) => Quantity.Format(100 * share, 3) + " %";
}
