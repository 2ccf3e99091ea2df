using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Uncertainty;

namespace ScaleLab.Design;

/// <summary>
/// Replays a real study as if its runs had been chosen one by one: the most expensive tenth is held out as
/// the target, the three cheapest others are trained first, and each strategy then picks from the rest,
/// each pick revealing the loss the study measured. At every checkpoint budget the law is fitted to the runs
/// trained so far and scored against the measured target (<see cref="TargetError"/>), which gives the target
/// error against the cost spent.
/// </summary>
public static class PoolReplay
{
    /// <summary>Replays <paramref name="study"/> (runs with measured metrics) under every strategy and seed of <paramref name="options"/>.</summary>
    public static IReadOnlyList<ReplayPoint> Run(ScalingLaw law, IReadOnlyList<Observation> study, ReplayOptions options, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (options.Checkpoints.Count == 0 || options.Checkpoints.Any(c => !(c > 0 && c <= 1))) throw new ArgumentException("checkpoints must be fractions in (0, 1]");
        var all = CandidatePool.FromPoints(new ObservationSet("study", "metric", study), options.Cost);
        int targetCount = Math.Max(1, (int)Math.Ceiling(options.TargetFraction * all.Count));
        if (all.Count < targetCount + options.InitialRuns + 1) throw new ArgumentException($"a study of {all.Count} runs is too small to hold out {targetCount} and start from {options.InitialRuns}");
        var byCost = Enumerable.Range(0, all.Count).OrderByDescending(i => all[i].Cost).ThenByDescending(i => i).ToArray();
        var targetIndices = byCost.Take(targetCount).Order().ToArray();
        var rest = byCost.Skip(targetCount).Order().ToArray();
        var pool = rest.Select((i, k) => all[i] with { Row = k }).ToArray();
        var outcomes = rest.Select(i => study[i].Metric).ToArray();
        var initial = Enumerable.Range(0, pool.Length).OrderBy(k => pool[k].Cost).ThenBy(k => k).Take(options.InitialRuns).ToArray();
        var targetPoints = targetIndices.Select(i => study[i]).ToArray();
        var reference = targetPoints.Select(o => o.Metric).ToArray();
        var target = new TargetPoints(targetPoints, law.Variables);
        double total = all.Sum(c => c.Cost);
        var problem = new SequentialProblem(law, pool, outcomes, target, initial);

        // Each checkpoint is its own replay with that budget, as a study with that budget would have run.
        var tasks = (from g in options.Strategies from s in Enumerable.Range(0, options.Seeds) from c in options.Checkpoints select (g, s, c)).ToArray();
        var curves = new ReplayPoint[tasks.Length];
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism ?? Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.For(0, tasks.Length, parallel, t =>
        {
            var (strategy, seed, checkpoint) = tasks[t];
            var design = new DesignOptions
            {
                Objective = options.Objective, BasinStarts = options.BasinStarts, OutcomeSamples = 256, Parallelism = 1,
                Seed = SeededRandom.ForStream(options.Seed, seed * 16L + (int)strategy).NextUInt64(),
            };
            var run = SequentialDesign.Run(problem, strategy, checkpoint * total, design, cancellationToken);
            var runs = run.Order.Select(i => pool[i].Point with { Metric = outcomes[i] }).ToArray();
            var (r2, rmsle) = TargetError.Score(law, runs, targetPoints, reference, options.Objective, cancellationToken);
            curves[t] = new ReplayPoint(strategy, seed, checkpoint, run.Spent / total, runs.Length, r2, rmsle);
            progress?.Report((double)Interlocked.Increment(ref done) / tasks.Length);
        });
        return curves;
    }
}
