using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;

namespace ScaleLab.Planning;

/// <summary>
/// A law at parameter values to plan with — a fitted law and its bootstrap samples (<see cref="From"/>), or
/// published values given directly — and the same law at every bootstrap sample, for the plans' intervals.
/// </summary>
public sealed record PlanningLaw
{
    /// <summary>
    /// The planning view of <paramref name="fitted"/>: its parameters, the largest compute it was fitted on, and,
    /// with an <paramref name="analysis"/> holding a bootstrap, its finite samples and interval level.
    /// </summary>
    public static PlanningLaw From(FittedLaw fitted, FitAnalysis? analysis = null)
    {
        var samples = new List<double[]>();
        foreach (var sample in analysis?.Bootstrap?.PublishedSamples() ?? [])
        {
            bool finite = true;
            foreach (var v in sample) finite &= double.IsFinite(v);
            if (finite) samples.Add(sample);
        }
        return new PlanningLaw(fitted.Law, fitted.Parameters)
        {
            BootstrapSamples = samples,
            MaxFittedCompute = fitted.Data.RangeOf(ScaleVariable.Compute)?.Max,
            IntervalLevel = analysis?.Options.Level ?? AnalysisOptions.DefaultLevel,
        };
    }

    /// <summary>Creates a planning law; every parameter of <paramref name="law"/> must have a value.</summary>
    public PlanningLaw(ScalingLaw law, IReadOnlyDictionary<string, double> parameters)
    {
        Law = law;
        Theta = law.FromNamed(parameters);
        Parameters = law.ToNamed(Theta);
        if (!law.AllocatesCompute)
        {
            throw new ArgumentException(law.Variables.Contains(ScaleVariable.Parameters) && law.Variables.Contains(ScaleVariable.Tokens)
                ? $"law '{law.Name}' reads {string.Join(", ", law.Variables.Where(v => !v.IsWellKnown).Select(v => v.Symbol))} beyond N and D; it cannot allocate compute between them alone"
                : $"law '{law.Name}' does not depend on both parameters N and tokens D; it cannot allocate compute between them");
        }
    }

    /// <summary>The law.</summary>
    public ScalingLaw Law { get; }

    /// <summary>Published parameter values.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>The same values as internal coordinates.</summary>
    public double[] Theta { get; }

    /// <summary>Bootstrap parameter vectors in published units, in the order of <see cref="ScalingLaw.Parameters"/>.</summary>
    public IReadOnlyList<double[]> BootstrapSamples { get; init; } = [];

    /// <summary>The largest training compute in the data the law was fitted on, when known.</summary>
    public double? MaxFittedCompute { get; init; }

    /// <summary>Interval coverage for bootstrap percentiles (0.8 = 10th–90th, Hoffmann's Table 2 choice).</summary>
    public double IntervalLevel { get; init; } = 0.8;

    /// <summary>The same law at one bootstrap sample.</summary>
    public PlanningLaw AtSample(double[] published)
    {
        var named = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int j = 0; j < Law.Parameters.Count; j++) named[Law.Parameters[j].Name] = published[j];
        return new PlanningLaw(Law, named) { MaxFittedCompute = MaxFittedCompute, IntervalLevel = IntervalLevel };
    }

    /// <summary>L(N, D) with unique tokens U (defaults to D: no repetition).</summary>
    public double Loss(double parameters, double tokens, double? uniqueTokens = null) =>
        Law.Predict(Theta, ScalingData.Point(parameters, tokens, 6 * parameters * tokens, Math.Min(uniqueTokens ?? tokens, tokens)))[0];

    /// <summary>True when the law is the five-parameter Chinchilla form, which has a closed-form frontier.</summary>
    public bool IsChinchilla => Law is ChinchillaLaw;
}
