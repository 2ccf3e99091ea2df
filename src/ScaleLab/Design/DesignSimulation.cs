using ScaleLab.Data;
using ScaleLab.Uncertainty;

namespace ScaleLab.Design;

/// <summary>
/// Compares selection strategies on studies simulated from known laws (<see cref="DesignScenarios"/>). Each
/// replicate draws every pool run's outcome once (true metric × exp(noise·z)), so all strategies and budgets
/// of a replicate see the same data; each strategy then runs sequentially (<see cref="SequentialDesign"/>)
/// from no runs until the budget — a fraction of the pool's total cost — is spent, never training the target
/// (the pool's most expensive tenth). The law is fitted to what it trained (<see cref="TargetError"/>) and
/// scored against the true metric at the target. Tasks run in parallel with their own seeded streams, so the
/// result is fixed by the seed whatever the thread count; finished tasks can be passed back in to resume.
/// </summary>
public static class DesignSimulation
{
    /// <summary>
    /// Runs the simulation. <paramref name="finished"/> holds tasks already done (from an earlier, interrupted run
    /// with the same options); they are kept, not repeated. <paramref name="taskDone"/> is called as each new one
    /// finishes (from worker threads), for checkpoints.
    /// </summary>
    public static DesignSimulationResult Run(DesignSimulationOptions options, IEnumerable<DesignReplicate>? finished = null,
        Action<DesignReplicate>? taskDone = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (options.Replicates < 1) throw new ArgumentException($"--replicates must be at least 1, got {options.Replicates}");
        if (options.Fractions.Count == 0 || options.Fractions.Any(f => !(f > 0 && f <= 1))) throw new ArgumentException("budget fractions must be in (0, 1]");
        if (options.Scenarios.Count == 0 || options.Strategies.Count == 0) throw new ArgumentException("nothing to simulate: no studies or no strategies");
        var tasks = new List<(int S, int R, int F, SelectionStrategy G)>();
        for (int s = 0; s < options.Scenarios.Count; s++)
        for (int r = 0; r < options.Replicates; r++)
        for (int f = 0; f < options.Fractions.Count; f++)
        foreach (var g in options.Strategies) tasks.Add((s, r, f, g));

        var results = new DesignReplicate?[tasks.Count];
        var known = (finished ?? []).ToDictionary(d => (d.Scenario, d.Replicate, d.Fraction, d.Strategy));
        for (int i = 0; i < tasks.Count; i++)
        {
            var (s, r, f, g) = tasks[i];
            if (known.TryGetValue((options.Scenarios[s].Name, r, options.Fractions[f], g), out var done)) results[i] = done;
        }
        int completed = results.Count(x => x is not null);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism ?? Environment.ProcessorCount, CancellationToken = cancellationToken };
        // Longest tasks first (model-based strategies at the largest budgets) keep the workers busy to the end.
        var order = Enumerable.Range(0, tasks.Count).Where(i => results[i] is null)
            .OrderByDescending(i => tasks[i].G >= SelectionStrategy.DOptimal ? 1 : 0).ThenByDescending(i => tasks[i].F).ThenBy(i => i).ToArray();
        Parallel.ForEach(order, parallel, i =>
        {
            var (s, r, f, g) = tasks[i];
            var result = RunTask(options, s, r, options.Fractions[f], g, cancellationToken);
            results[i] = result;
            taskDone?.Invoke(result);
            progress?.Report((double)Interlocked.Increment(ref completed) / tasks.Count);
        });
        var all = results.Select(x => x!).ToArray();
        return new DesignSimulationResult { Replicates = all, Scores = Summarise(options, all) };
    }

    /// <summary>One strategy on one replicate at one budget.</summary>
    public static DesignReplicate RunTask(DesignSimulationOptions options, int scenarioIndex, int replicate, double fraction, SelectionStrategy strategy,
        CancellationToken cancellationToken = default)
    {
        var scenario = options.Scenarios[scenarioIndex];
        var noise = SeededRandom.ForStream(options.Seed, scenarioIndex * 1_000_003L + replicate);
        var observed = scenario.TrueValues.Select(v => v * Math.Exp(scenario.Noise * noise.NextGaussian())).ToArray();
        var pool = scenario.Selectable.Select((i, k) => scenario.Pool[i] with { Row = k }).ToArray();
        var outcomes = scenario.Selectable.Select(i => observed[i]).ToArray();
        var targetPoints = scenario.TargetIndices.Select(i => scenario.Pool[i].Point).ToArray();
        var target = new TargetPoints(targetPoints, scenario.Law.Variables);
        var design = new DesignOptions
        {
            Objective = scenario.Objective, BasinStarts = options.BasinStarts, CostPower = options.CostPower, OutcomeSamples = options.OutcomeSamples, Parallelism = 1,
            Seed = SeededRandom.ForStream(options.Seed ^ 0x2545F4914F6CDD1DUL, (scenarioIndex * 1_000_003L + replicate) * 16 + (int)strategy).NextUInt64(),
        };
        var problem = new SequentialProblem(scenario.Law, pool, outcomes, target, []);
        var run = SequentialDesign.Run(problem, strategy, fraction * scenario.TotalCost, design, cancellationToken);
        var runs = run.Order.Select(i => pool[i].Point with { Metric = outcomes[i] }).ToArray();
        var reference = scenario.TargetIndices.Select(i => scenario.TrueValues[i]).ToArray();
        var (r2, rmsle) = TargetError.Score(scenario.Law, runs, targetPoints, reference, scenario.Objective, cancellationToken);
        return new DesignReplicate(scenario.Name, replicate, fraction, strategy, r2, rmsle, runs.Length, run.Spent / scenario.TotalCost);
    }

    private static StrategyScore[] Summarise(DesignSimulationOptions options, DesignReplicate[] all)
    {
        var scores = new List<StrategyScore>();
        foreach (var scenario in options.Scenarios)
        foreach (var fraction in options.Fractions)
        foreach (var strategy in options.Strategies)
        {
            var rows = all.Where(d => d.Scenario == scenario.Name && d.Fraction == fraction && d.Strategy == strategy).ToArray();
            scores.Add(new StrategyScore
            {
                Scenario = scenario.Name, Fraction = fraction, Strategy = strategy, Replicates = rows.Length,
                MeanRSquared = rows.Average(d => d.RSquared), SdRSquared = Sd(rows.Select(d => d.RSquared)),
                MeanRmsle = rows.Average(d => d.Rmsle), SdRmsle = Sd(rows.Select(d => d.Rmsle)),
                MeanRuns = rows.Average(d => d.Runs), MeanSpent = rows.Average(d => d.Spent),
            });
        }
        return [.. scores];
    }

    private static double Sd(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length < 2) return 0;
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }
}
