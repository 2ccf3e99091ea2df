using ScaleLab.Data;
using ScaleLab.Uncertainty;

namespace ScaleLab.Design;

/// <summary>
/// What the runs so far say about the target: the basins of the fit, each linearised, and the outcome
/// samples for their disagreement. Built once per selection (or per step of a sequential simulation);
/// planning works on clones.
/// </summary>
internal sealed class DesignState
{
    private DesignState(IReadOnlyList<DesignBasin> basins, LinearizedBasins linear, BasinOutcomes? outcomes, double noiseVariance)
    {
        Basins = basins;
        Linear = linear;
        Outcomes = outcomes;
        NoiseVariance = noiseVariance;
    }

    public IReadOnlyList<DesignBasin> Basins { get; }

    public LinearizedBasins Linear { get; }

    public BasinOutcomes? Outcomes { get; }

    public double NoiseVariance { get; }

    /// <summary>
    /// Fits the runs, finds and weights the basins, linearises them at the runs. Null when no start gives a
    /// usable fit (none finite at the candidates and the target).
    /// </summary>
    public static DesignState? Build(DesignProblem problem, int[] free, DesignOptions options, CancellationToken cancellationToken)
    {
        var law = problem.Law;
        var runs = ScalingData.From(problem.Runs);
        var candidates = ScalingData.From(problem.Candidates.Select(c => c.Point).ToArray());
        var found = BasinSearch.Run(law, runs, candidates, problem.Target, free.Length, options, cancellationToken);
        if (found.Count == 0) return null;
        var residuals = BasinSearch.Residuals(law, found[0].Theta, runs, options.Objective);
        double prior = BasinSearch.PriorResidualScale(options, runs);
        double noise = ResidualModel.NoiseVariance(residuals, ResidualModel.Weights(options.Objective, residuals), free.Length, prior * prior, options.PriorNoiseWeight);
        var linear = LinearizedBasins.Build(law, runs, candidates, problem.Target, found, free, noise, options);
        // Basins the target cannot be evaluated in (a planner that finds no optimum there) are dropped and the rest re-weighted.
        var usable = Enumerable.Range(0, found.Count).Where(linear.IsFinite).ToArray();
        if (usable.Length == 0) return null;
        if (usable.Length < found.Count)
        {
            double sum = usable.Sum(k => found[k].Weight);
            found = usable.Select(k => found[k] with { Weight = found[k].Weight / sum }).ToArray();
            linear = LinearizedBasins.Build(law, runs, candidates, problem.Target, found, free, noise, options);
        }
        var basins = found.Select((b, k) => new DesignBasin
        {
            Index = k, Theta = b.Theta, Parameters = law.ToNamed(b.Theta), Objective = b.Objective, Weight = b.Weight, Starts = b.Starts,
            TargetEstimates = linear.TargetValue[k].Select(Math.Exp).ToArray(),
        }).ToArray();
        var outcomes = basins.Length > 1 ? BasinOutcomes.Create(linear, options.OutcomeSamples, options.Seed) : null;
        return new DesignState(basins, linear, outcomes, noise);
    }

    /// <summary>The per-quantity log standard deviations of a (possibly folded) copy of this state's halves.</summary>
    public static double[] LogStandardDeviations(LinearizedBasins linear, BasinOutcomes? outcomes)
    {
        int t = linear.TargetCount;
        var variance = new double[t];
        for (int k = 0; k < linear.BasinCount; k++)
        {
            var within = linear.TargetVariances(k);
            for (int s = 0; s < t; s++) variance[s] += linear.Weights[k] * within[s];
        }
        if (outcomes is not null)
        {
            var between = outcomes.ExpectedPerTarget(linear.TargetValue);
            for (int s = 0; s < t; s++) variance[s] += between[s];
        }
        return variance.Select(Math.Sqrt).ToArray();
    }

    /// <summary>The target interval from the standard deviations before and after.</summary>
    public TargetInterval Interval(DesignTarget target, double level, double[] before, double[] after)
    {
        double z = StatisticalFunctions.NormalQuantile(0.5 + level / 2);
        var points = new TargetIntervalPoint[target.Count];
        for (int s = 0; s < target.Count; s++)
        {
            double mean = 0;
            for (int k = 0; k < Linear.BasinCount; k++) mean += Linear.Weights[k] * Linear.TargetValue[k][s];
            points[s] = new TargetIntervalPoint
            {
                Variables = target.Variables(s),
                Estimate = Math.Exp(mean),
                LogStandardDeviation = before[s],
                LogStandardDeviationAfter = after[s],
                Before = (Math.Exp(mean - z * before[s]), Math.Exp(mean + z * before[s])),
                After = (Math.Exp(mean - z * after[s]), Math.Exp(mean + z * after[s])),
            };
        }
        static double Rms(double[] v) => Math.Sqrt(v.Average(x => x * x));
        return new TargetInterval
        {
            Quantity = target.Quantity, Level = level, RmsLogStandardDeviation = Rms(before), RmsLogStandardDeviationAfter = Rms(after), Points = points,
        };
    }
}
