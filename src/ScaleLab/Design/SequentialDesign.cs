using ScaleLab.Data;
using ScaleLab.Uncertainty;

namespace ScaleLab.Design;

/// <summary>
/// Replays a study run by run under one <see cref="SelectionStrategy"/>: pick a run, reveal its outcome,
/// refit, pick the next, until nothing affordable is left. The model-based strategies (D-optimal,
/// V-optimal, ScaleLab's) share the cheap fill while there are fewer runs than free parameters and the
/// same basin search at every step (warm-started from the previous step's basins); they differ only in how
/// they score. ScaleLab's selection plans the rest of the budget at every step (<see cref="ExperimentDesigner"/>)
/// and trains the first run of the plan.
/// </summary>
public static class SequentialDesign
{
    /// <summary>
    /// Runs <paramref name="strategy"/> on <paramref name="problem"/> until the runs (the initial ones included)
    /// would cost more than <paramref name="budget"/>. Deterministic for <see cref="DesignOptions.Seed"/>.
    /// </summary>
    public static SequentialRun Run(SequentialProblem problem, SelectionStrategy strategy, double budget, DesignOptions options,
        CancellationToken cancellationToken = default)
    {
        var pool = problem.Pool;
        var taken = new bool[pool.Count];
        var order = new List<int>();
        var cumulative = new List<double>();
        double spent = 0;
        void Take(int x)
        {
            taken[x] = true;
            order.Add(x);
            spent += pool[x].Cost;
            cumulative.Add(spent);
        }
        foreach (var x in problem.Initial) Take(x);
        var rng = new SeededRandom(options.Seed);
        var free = ExperimentDesigner.FreeIndices(problem.Law, options.Fixed);
        var warm = new List<double[]>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 1, CancellationToken = cancellationToken };
        for (int step = 0; ; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double left = budget - spent;
            int next = strategy switch
            {
                SelectionStrategy.Random => Draw(pool, taken, left, rng, _ => 1),
                SelectionStrategy.CostWeightedRandom => Draw(pool, taken, left, rng, c => 1 / c),
                SelectionStrategy.CheapestFirst => Cheapest(pool, taken, left),
                _ => ModelPick(problem, strategy, order, taken, left, free, options with { Seed = options.Seed + (ulong)step, WarmStarts = warm }, warm, parallel),
            };
            if (next < 0) break;
            Take(next);
        }
        return new SequentialRun(order, cumulative);
    }

    private static int ModelPick(SequentialProblem problem, SelectionStrategy strategy, List<int> order, bool[] taken, double left, int[] free,
        DesignOptions options, List<double[]> warm, ParallelOptions parallel)
    {
        var pool = problem.Pool;
        var runs = order.Select(i => pool[i].Point with { Metric = problem.Outcomes[i] }).ToArray();
        if (runs.Length < free.Length) return SpaceFilling.Pick(problem.Law.Variables, pool, taken, runs, left, free.Length);
        var state = DesignState.Build(new DesignProblem(problem.Law, runs, pool, problem.Target), free, options, parallel.CancellationToken);
        // Without a usable fit, keep filling: the next runs are what the fit lacks.
        if (state is null) return SpaceFilling.Pick(problem.Law.Variables, pool, taken, runs, left, free.Length);
        warm.Clear();
        warm.AddRange(state.Basins.Select(b => b.Theta));
        if (strategy == SelectionStrategy.ScaleLab)
        {
            var plan = ExperimentDesigner.PlanBest(state.Linear, state.Outcomes, pool, taken, left, int.MaxValue, options.CostPower, parallel).Plan;
            if (plan.Count == 0) return -1;
            return GreedyPlan.MostInformativeFirst(state.Linear.Clone(), state.Outcomes?.Clone(), plan)[0].Candidate;
        }
        var criterion = strategy == SelectionStrategy.DOptimal ? GreedyPlan.Criterion.DOptimal : GreedyPlan.Criterion.VOptimal;
        var step = GreedyPlan.Run(state.Linear.Clone(), null, pool, taken.ToArray(), left, 1, 0, criterion, parallel);
        return step.Count > 0 ? step[0].Candidate : -1;
    }

    private static int Cheapest(IReadOnlyList<DesignCandidate> pool, bool[] taken, double left)
    {
        int best = -1;
        for (int x = 0; x < pool.Count; x++)
        {
            if (taken[x] || pool[x].Cost > left) continue;
            if (best < 0 || pool[x].Cost < pool[best].Cost) best = x;
        }
        return best;
    }

    private static int Draw(IReadOnlyList<DesignCandidate> pool, bool[] taken, double left, SeededRandom rng, Func<double, double> weight)
    {
        double total = 0;
        for (int x = 0; x < pool.Count; x++) if (!taken[x] && pool[x].Cost <= left) total += weight(pool[x].Cost);
        if (total <= 0) return -1;
        double u = rng.NextDouble() * total;
        int last = -1;
        for (int x = 0; x < pool.Count; x++)
        {
            if (taken[x] || pool[x].Cost > left) continue;
            last = x;
            u -= weight(pool[x].Cost);
            if (u < 0) return x;
        }
        return last;
    }
}
