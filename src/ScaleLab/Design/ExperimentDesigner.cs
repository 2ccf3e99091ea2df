using ScaleLab.Diagnostics;
using ScaleLab.Laws;
using ScaleLab.Quantities;

namespace ScaleLab.Design;

/// <summary>
/// Which runs to train next: budget-aware selection that shrinks the uncertainty of the target.
/// <para>
/// Method (docs/design.md states it in full). A fit is uncertain in two ways. Within a basin, by its local
/// curvature: the Fisher information JᵀWJ/s² of the runs (J the Jacobian of the residuals in the free
/// internal coordinates; W the objective's weights ψ(r)/r — for Huber 1 for inliers and threshold/|r| beyond
/// a threshold of at least 1.345 robust noise scales; s² the noise variance from the residuals, pooled with a
/// weak prior), whose inverse is the covariance the delta method carries to the target (Seber &amp; Wild 1989,
/// Nonlinear Regression, ch. 2). Between basins: the multistart's distinct local optima with comparable
/// objective, weighted by their profiled likelihood (equivalently BIC, Schwarz 1978, as they share their
/// parameters). Each candidate is scored by the expected reduction of the target's mean squared log error:
/// the within-basin variance reduction of V-optimal design by a rank-one update of the information (Atkinson,
/// Donev &amp; Tobias 2007, Optimum Experimental Designs, ch. 10; sequential and locally optimal as in Chernoff
/// 1953 and Box &amp; Lucas 1959), plus the expected fall of the between-basin variance once the run's outcome
/// re-weights the basins (model discrimination, Box &amp; Hill 1967; the expected value of the information,
/// Lindley 1956, over simulated outcomes), divided by its cost to a power (default 1: gain per unit cost, the
/// cost-benefit greedy of Krause &amp; Guestrin 2005; under a budget also power 0, keeping the better sequence,
/// Leskovec et al. 2007). Picks are greedy, each folded in before the next, and listed most informative
/// first. With fewer runs than free parameters the first picks fill cheaply (maximin over the cheapest
/// candidates, Johnson, Moore &amp; Ylvisaker 1990).
/// </para>
/// </summary>
public static class ExperimentDesigner
{
    /// <summary>
    /// Selects runs for <paramref name="problem"/>. Bad input (no candidates, a budget below the cheapest
    /// candidate, a run limit below 1, an unknown fixed parameter) throws <see cref="ArgumentException"/>.
    /// Deterministic for <see cref="DesignOptions.Seed"/> whatever the thread count.
    /// </summary>
    public static DesignResult Suggest(DesignProblem problem, DesignOptions? options = null, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new DesignOptions();
        Validate(problem, options);
        var candidates = problem.Candidates;
        var free = FreeIndices(problem.Law, options.Fixed);
        double budget = options.Budget ?? double.PositiveInfinity;
        int maxRuns = options.MaxRuns ?? int.MaxValue;
        var taken = new bool[candidates.Count];
        var diagnostics = new List<Diagnostic>();

        var fills = new List<int>();
        var existing = problem.Runs.ToList();
        while (problem.Runs.Count + fills.Count < free.Length && fills.Count < maxRuns)
        {
            int x = SpaceFilling.Pick(problem.Law.Variables, candidates, taken, existing, budget, free.Length);
            if (x < 0) break;
            taken[x] = true;
            budget -= candidates[x].Cost;
            fills.Add(x);
            existing.Add(candidates[x].Point);
        }
        if (problem.Runs.Count < free.Length && problem.Runs.Count > 0)
        {
            diagnostics.Add(Diagnostic.Info("underdetermined",
                $"{problem.Runs.Count} runs for {free.Length} free parameters: the first suggestions fill cheaply, and the scores after them rest on a fit the runs do not yet determine"));
        }
        if (problem.Runs.Count == 0)
        {
            diagnostics.Add(Diagnostic.Info("no-runs", "there are no runs to fit yet: train the fill runs, then ask again"));
            return Result(fills.Count > 0 ? DesignStatus.FillOnly : DesignStatus.Failed, fills.Select(x => Fill(candidates[x], double.NaN, double.NaN, [])).ToArray(),
                candidates, fills, null, [], double.NaN, DesignOptions.DefaultCostPower, free.Length, diagnostics);
        }

        progress?.Report(0);
        var state = DesignState.Build(problem, free, options, cancellationToken);
        progress?.Report(0.5);
        if (state is null)
        {
            diagnostics.Add(Diagnostic.Error("no-fit", $"no start gave a fit of law '{problem.Law.Name}' with finite predictions at the candidates and the target"));
            return Result(DesignStatus.Failed, [], candidates, [], null, [], double.NaN, DesignOptions.DefaultCostPower, free.Length, diagnostics);
        }
        if (state.Basins.Count > 1)
        {
            diagnostics.Add(Diagnostic.Info("basins",
                $"the multistart found {state.Basins.Count} basins with comparable objective (weights {string.Join(", ", state.Basins.Select(b => Quantity.Format(Math.Round(b.Weight, 3))))})"));
        }

        var linear = state.Linear.Clone();
        var outcomes = state.Outcomes?.Clone();
        var before = DesignState.LogStandardDeviations(linear, outcomes);
        var suggestions = new List<DesignSuggestion>();
        foreach (var x in fills)
        {
            var separates = GreedyPlan.Separates(linear, x);
            double errorBefore = GreedyPlan.Error(linear, outcomes);
            GreedyPlan.Fold(linear, outcomes, x);
            suggestions.Add(Fill(candidates[x], errorBefore, GreedyPlan.Error(linear, outcomes), separates));
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism ?? Environment.ProcessorCount, CancellationToken = cancellationToken };
        int left = maxRuns == int.MaxValue ? int.MaxValue : maxRuns - fills.Count;
        double startBudget = budget;
        // Progress by runs planned out of the limit; under a budget alone, by the share of it spent.
        var (plan, power) = PlanBest(linear, outcomes, candidates, taken, budget, left, options.CostPower, parallel,
            (steps, spent) => Math.Min(1, left != int.MaxValue ? (double)steps / left : spent / startBudget), f => progress?.Report(0.5 + 0.5 * f));
        if (options.CostPower is null && power == 0 && DesignOptions.DefaultCostPower != 0)
        {
            diagnostics.Add(Diagnostic.Info("unit-cost-sequence",
                "the most informative runs regardless of cost (cost power 0) leave a smaller expected target error within the budget than the most informative per unit of cost: a few expensive runs are worth more here than many cheap ones"));
        }
        // The chosen runs in the order to train them, folded into the state after the fill.
        foreach (var step in GreedyPlan.MostInformativeFirst(linear, outcomes, plan))
        {
            suggestions.Add(new DesignSuggestion
            {
                Candidate = candidates[step.Candidate], Reason = SuggestionReason.Score, ExpectedGain = step.ErrorBefore - step.ErrorAfter,
                IntervalShrinkage = Shrinkage(step.ErrorBefore, step.ErrorAfter), Separates = step.Separates,
            });
        }
        progress?.Report(1);
        var after = DesignState.LogStandardDeviations(linear, outcomes);
        var interval = state.Interval(problem.Target, options.Level, before, after);
        var chosen = fills.Concat(plan.Select(s => s.Candidate)).ToList();
        var status = chosen.Count > 0 ? DesignStatus.Selected : DesignStatus.Failed;
        if (chosen.Count == 0) diagnostics.Add(Diagnostic.Error("nothing-affordable", "no candidate fits in the budget that is left"));
        return Result(status, suggestions, candidates, chosen, interval, state.Basins, Math.Sqrt(state.NoiseVariance), power, free.Length, diagnostics);
    }

    /// <summary>The indices of the parameters not held fixed; an unknown name is an <see cref="ArgumentException"/>.</summary>
    public static int[] FreeIndices(ScalingLaw law, IReadOnlyDictionary<string, double> fixedValues)
    {
        var isFixed = new bool[law.Parameters.Count];
        foreach (var name in fixedValues.Keys)
        {
            int j = law.IndexOf(name);
            if (j < 0) throw new ArgumentException($"law '{law.Name}' has no parameter '{name}' to fix (has: {string.Join(", ", law.Parameters.Select(p => p.Name))})");
            isFixed[j] = true;
        }
        return Enumerable.Range(0, isFixed.Length).Where(j => !isFixed[j]).ToArray();
    }

    /// <summary>
    /// The greedy plan at the cost power asked for; with none asked for, at the default power and — under a
    /// finite budget — also at power 0, keeping the plan with the smaller expected target error (ties to the default).
    /// The inputs are not changed: each plan folds into its own clones.
    /// </summary>
    internal static (List<GreedyPlan.Step> Plan, double Power) PlanBest(LinearizedBasins linear,
        BasinOutcomes? outcomes, IReadOnlyList<DesignCandidate> candidates, bool[] taken, double budget, int maxRuns, double? costPower,
        ParallelOptions parallel, Func<int, double, double>? share = null, Action<double>? progress = null)
    {
        double power = costPower ?? DesignOptions.DefaultCostPower;
        bool both = costPower is null && double.IsFinite(budget) && power != 0;
        Action<int, double>? Phase(double from, double width) =>
            share is null || progress is null ? null : (steps, spent) => progress(from + width * share(steps, spent));
        var first = Plan(linear, outcomes, candidates, taken, budget, maxRuns, power, parallel, Phase(0, both ? 0.5 : 1));
        if (!both) return (first.Plan, power);
        var unit = Plan(linear, outcomes, candidates, taken, budget, maxRuns, 0, parallel, Phase(0.5, 0.5));
        return GreedyPlan.Error(unit.Linear, unit.Outcomes) < GreedyPlan.Error(first.Linear, first.Outcomes) ? (unit.Plan, 0) : (first.Plan, power);
    }

    private static (List<GreedyPlan.Step> Plan, LinearizedBasins Linear, BasinOutcomes? Outcomes) Plan(LinearizedBasins linear, BasinOutcomes? outcomes,
        IReadOnlyList<DesignCandidate> candidates, bool[] taken, double budget, int maxRuns, double power, ParallelOptions parallel, Action<int, double>? stepDone)
    {
        var l = linear.Clone();
        var o = outcomes?.Clone();
        var plan = GreedyPlan.Run(l, o, candidates, taken.ToArray(), budget, maxRuns, power, GreedyPlan.Criterion.Mixture, parallel, stepDone);
        return (plan, l, o);
    }

    private static double Shrinkage(double before, double after) =>
        before > 0 && double.IsFinite(before) && double.IsFinite(after) ? 1 - Math.Sqrt(Math.Max(after, 0) / before) : double.NaN;

    private static DesignSuggestion Fill(DesignCandidate candidate, double before, double after, int[] separates) => new()
    {
        Candidate = candidate, Reason = SuggestionReason.Fill, ExpectedGain = before - after, IntervalShrinkage = Shrinkage(before, after), Separates = separates,
    };

    private static DesignResult Result(DesignStatus status, IReadOnlyList<DesignSuggestion> suggestions, IReadOnlyList<DesignCandidate> candidates, List<int> chosen,
        TargetInterval? interval, IReadOnlyList<DesignBasin> basins, double noise, double power, int free, List<Diagnostic> diagnostics) => new()
    {
        Status = status, Selected = suggestions, Spent = chosen.Sum(x => candidates[x].Cost), Interval = interval, Basins = basins,
        NoiseStandardDeviation = noise, CostPower = power, FreeParameters = free, Diagnostics = diagnostics,
    };

    private static void Validate(DesignProblem problem, DesignOptions options)
    {
        if (problem.Candidates.Count == 0) throw new ArgumentException("there are no candidate runs to choose from");
        CandidatePool.Check(problem.Law, problem.Candidates);
        if (options.Budget is null && options.MaxRuns is null) throw new ArgumentException("give a budget (total cost) or a number of runs");
        if (options.MaxRuns is < 1) throw new ArgumentException($"the number of runs must be at least 1, got {options.MaxRuns}");
        if (options.Budget is { } b)
        {
            if (!Quantity.IsPositive(b)) throw new ArgumentException($"the budget must be a positive finite cost, got {Quantity.Format(b)}");
            var cheapest = problem.Candidates.MinBy(c => c.Cost)!;
            if (cheapest.Cost > b)
            {
                throw new ArgumentException($"the budget {Quantity.Format(b)} is below the cheapest candidate's cost {Quantity.Format(cheapest.Cost)} (candidate row {cheapest.Row})");
            }
        }
        if (options.CostPower is { } p && !(p >= 0 && double.IsFinite(p))) throw new ArgumentException($"the cost power must be a finite number >= 0, got {Quantity.Format(p)}");
        if (!(options.Level > 0 && options.Level < 1)) throw new ArgumentException($"the interval level must be between 0 and 1, got {Quantity.Format(options.Level)}");
        if (options.BasinStarts < 1 && options.WarmStarts.Count == 0) throw new ArgumentException("the basin search needs at least one start");
        if (options.OutcomeSamples < 1) throw new ArgumentException("the outcome simulation needs at least one sample");
        if (!Quantity.IsPositive(options.PriorNoise) || !(options.PriorNoiseWeight > 0) || !Quantity.IsPositive(options.PriorParameterScale))
        {
            throw new ArgumentException("the prior noise, its weight and the prior parameter scale must be positive");
        }
        foreach (var run in problem.Runs)
        {
            if (!double.IsFinite(run.Metric)) throw new ArgumentException($"run at row {run.Row} has no metric value");
        }
    }
}
