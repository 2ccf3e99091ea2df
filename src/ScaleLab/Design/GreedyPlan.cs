namespace ScaleLab.Design;

/// <summary>
/// Greedy selection with fold-in: score every affordable candidate, take the best, fold its information
/// into the basins' covariances and the outcome samples, repeat while the budget and the run limit allow.
/// The score is the expected reduction of the target's mean squared log error (within-basin V-optimal
/// variance reduction, weighted by the basins, plus the between-basin disagreement the outcome resolves)
/// divided by the run's cost (relative to the cheapest candidate) to the cost power. The baselines of the
/// design simulation score with the best basin only: V-optimal by its variance reduction, D-optimal by its
/// log-determinant gain.
/// </summary>
internal static class GreedyPlan
{
    /// <summary>How candidates are scored.</summary>
    public enum Criterion
    {
        /// <summary>ScaleLab's score: within- and between-basin error reduction.</summary>
        Mixture,

        /// <summary>Target variance reduction in the best basin.</summary>
        VOptimal,

        /// <summary>Log-determinant gain of the information in the best basin.</summary>
        DOptimal,
    }

    /// <summary>One run of the plan: the candidate's index, the target error before and after it, and the basins its outcome tells apart.</summary>
    public sealed record Step(int Candidate, double ErrorBefore, double ErrorAfter, int[] Separates);

    /// <summary>The target's mean squared log error now: within-basin variance plus between-basin disagreement.</summary>
    public static double Error(LinearizedBasins basins, BasinOutcomes? outcomes) =>
        basins.WithinError() + (outcomes?.Expected() ?? 0);

    /// <summary>
    /// Plans up to <paramref name="maxRuns"/> runs costing at most <paramref name="budget"/> together among the
    /// candidates not yet <paramref name="taken"/> (which it updates), folding each into
    /// <paramref name="basins"/> and <paramref name="outcomes"/> (which it changes: pass clones to keep them).
    /// </summary>
    public static List<Step> Run(LinearizedBasins basins, BasinOutcomes? outcomes, IReadOnlyList<DesignCandidate> candidates, bool[] taken,
        double budget, int maxRuns, double costPower, Criterion criterion, ParallelOptions parallel, Action<int, double>? stepDone = null)
    {
        var steps = new List<Step>();
        double spent = 0;
        double cheapest = candidates.Min(c => c.Cost);
        double error = Error(basins, outcomes);
        var scores = new double[candidates.Count];
        double current = outcomes?.Expected() ?? 0;
        while (steps.Count < maxRuns)
        {
            parallel.CancellationToken.ThrowIfCancellationRequested();
            double remaining = budget;
            Parallel.For(0, candidates.Count, parallel, x =>
            {
                scores[x] = taken[x] || candidates[x].Cost > remaining ? double.NaN
                    : Gain(basins, outcomes, current, x, criterion) / Math.Pow(candidates[x].Cost / cheapest, costPower);
            });
            int best = -1;
            for (int x = 0; x < candidates.Count; x++)
            {
                if (double.IsNaN(scores[x])) continue;
                if (best < 0 || scores[x] > scores[best] || (scores[x] == scores[best] && candidates[x].Cost < candidates[best].Cost)) best = x;
            }
            if (best < 0) break;
            var separates = Separates(basins, best);
            Fold(basins, outcomes, best);
            current = outcomes?.Expected() ?? 0;
            double after = basins.WithinError() + current;
            steps.Add(new Step(best, error, after, separates));
            error = after;
            taken[best] = true;
            budget -= candidates[best].Cost;
            spent += candidates[best].Cost;
            stepDone?.Invoke(steps.Count, spent);
        }
        return steps;
    }

    /// <summary>
    /// The same runs in the order to train them: largest expected gain on its own first, so that a study that refits
    /// after each run learns the most from its first runs and chooses the later ones with the better fit (ties keep the
    /// plan's order). The gains and separations are recomputed in the new order, folding into
    /// <paramref name="basins"/> and <paramref name="outcomes"/>, which must be the state before the plan.
    /// </summary>
    public static List<Step> MostInformativeFirst(LinearizedBasins basins, BasinOutcomes? outcomes, IReadOnlyList<Step> plan)
    {
        double between = outcomes?.Expected() ?? 0;
        var alone = plan.Select(s => Gain(basins, outcomes, between, s.Candidate, Criterion.Mixture)).ToArray();
        var order = Enumerable.Range(0, plan.Count).OrderByDescending(i => alone[i]).ThenBy(i => i).ToArray();
        var steps = new List<Step>(plan.Count);
        double error = Error(basins, outcomes);
        foreach (var i in order)
        {
            int x = plan[i].Candidate;
            var separates = Separates(basins, x);
            Fold(basins, outcomes, x);
            double after = Error(basins, outcomes);
            steps.Add(new Step(x, error, after, separates));
            error = after;
        }
        return steps;
    }

    /// <summary>Folds candidate <paramref name="x"/> into both halves of the uncertainty.</summary>
    public static void Fold(LinearizedBasins basins, BasinOutcomes? outcomes, int x)
    {
        if (outcomes is not null)
        {
            var (mean, variance) = Predictive(basins, x);
            outcomes.FoldIn(mean, variance);
        }
        basins.FoldIn(x);
    }

    /// <summary>
    /// The basins the outcome of candidate <paramref name="x"/> tells apart: those whose predicted outcomes differ from
    /// another basin's by more than two standard deviations of the difference.
    /// </summary>
    public static int[] Separates(LinearizedBasins basins, int x)
    {
        var (mean, variance) = Predictive(basins, x);
        var result = new SortedSet<int>();
        for (int k = 0; k < basins.BasinCount; k++)
        for (int l = k + 1; l < basins.BasinCount; l++)
        {
            if (Math.Abs(mean[k] - mean[l]) > 2 * Math.Sqrt(variance[k] + variance[l]))
            {
                result.Add(k);
                result.Add(l);
            }
        }
        return [.. result];
    }

    private static double Gain(LinearizedBasins basins, BasinOutcomes? outcomes, double between, int x, Criterion criterion)
    {
        Span<double> scratch = stackalloc double[basins.Free];
        switch (criterion)
        {
            case Criterion.DOptimal:
                return basins.LogDetGain(0, x, scratch);
            case Criterion.VOptimal:
                return basins.VarianceReduction(0, x, scratch);
        }
        double gain = 0;
        for (int k = 0; k < basins.BasinCount; k++) gain += basins.Weights[k] * basins.VarianceReduction(k, x, scratch);
        if (outcomes is null) return gain;
        Span<double> mean = stackalloc double[basins.BasinCount];
        Span<double> variance = stackalloc double[basins.BasinCount];
        for (int k = 0; k < basins.BasinCount; k++)
        {
            mean[k] = basins.CandidateOutcome[k][x];
            variance[k] = basins.PredictiveVariance(k, x, scratch);
        }
        return gain + Math.Max(0, between - outcomes.ExpectedAfter(mean, variance));
    }

    private static (double[] Mean, double[] Variance) Predictive(LinearizedBasins basins, int x)
    {
        var mean = new double[basins.BasinCount];
        var variance = new double[basins.BasinCount];
        var scratch = new double[basins.Free];
        for (int k = 0; k < basins.BasinCount; k++)
        {
            mean[k] = basins.CandidateOutcome[k][x];
            variance[k] = basins.PredictiveVariance(k, x, scratch);
        }
        return (mean, variance);
    }
}
