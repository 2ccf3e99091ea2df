using ScaleLab.Diagnostics;
using ScaleLab.Uncertainty;

namespace ScaleLab.Planning;

/// <summary>
/// An allocation: how many parameters, trained on how many tokens, for what loss, at what cost —
/// with the method that produced it, the FLOP convention, percentile intervals when the law came
/// with bootstrap samples, and diagnostics. Immutable and complete.
/// </summary>
public sealed record Plan
{
    /// <summary>The question answered.</summary>
    public required PlanKind Kind { get; init; }

    /// <summary>The law planned with (registry name).</summary>
    public required string Law { get; init; }

    /// <summary>How the optimum was found, e.g. "closed form (Hoffmann et al. 2022 eq. 4)".</summary>
    public required string Method { get; init; }

    /// <summary>The FLOP convention the budget is counted in.</summary>
    public string FlopConvention { get; init; } = "C = 6·N·D (Kaplan et al. 2020 §2.1)";

    /// <summary>Solved, solved with warnings, or failed.</summary>
    public required PlanStatus Status { get; init; }

    /// <summary>Training compute C (FLOPs).</summary>
    public required double Compute { get; init; }

    /// <summary>N_opt: parameters.</summary>
    public required double Parameters { get; init; }

    /// <summary>D_opt: training tokens (all epochs).</summary>
    public required double Tokens { get; init; }

    /// <summary>Predicted loss at (N_opt, D_opt).</summary>
    public required double Loss { get; init; }

    /// <summary>D_opt / N_opt.</summary>
    public double TokensPerParameter => Tokens / Parameters;

    /// <summary>Unique tokens available (data-constrained plans).</summary>
    public double? UniqueTokens { get; init; }

    /// <summary>Passes over the unique data, D / U_D (data-constrained plans).</summary>
    public double? Epochs { get; init; }

    /// <summary>Expected lifetime inference tokens (inference-aware plans).</summary>
    public double? InferenceTokens { get; init; }

    /// <summary>Inference FLOPs 2·N·D_inf (inference-aware plans).</summary>
    public double? InferenceCompute { get; init; }

    /// <summary>Training plus inference FLOPs (inference-aware plans).</summary>
    public double? TotalCompute => InferenceCompute is { } i ? Compute + i : null;

    /// <summary>
    /// For comparison: the compute-optimal plan with the same loss (inference-aware plans) or with the same
    /// budget and unlimited unique data (data-constrained plans).
    /// </summary>
    public Plan? Baseline { get; init; }

    /// <summary>Fraction of total FLOPs (or cost) saved versus <see cref="Baseline"/>.</summary>
    public double? Saving { get; init; }

    /// <summary>GPU-hours of training, when hardware figures were given.</summary>
    public double? GpuHours { get; init; }

    /// <summary>Cost of training (or of training plus inference for inference-aware plans), when a price was given.</summary>
    public double? Cost { get; init; }

    /// <summary>Facility energy of training (or of training plus inference for inference-aware plans) in kWh, when a GPU power was given.</summary>
    public double? EnergyKwh { get; init; }

    /// <summary>Operational emissions of that energy in kg CO2e, when a grid carbon intensity was given.</summary>
    public double? EmissionsKgCo2e { get; init; }

    /// <summary>Key of the interval of <see cref="EnergyKwh"/>.</summary>
    public const string EnergyKey = "energyKwh";

    /// <summary>Key of the interval of <see cref="EmissionsKgCo2e"/>.</summary>
    public const string EmissionsKey = "emissionsKgCo2e";

    /// <summary>Target C divided by the largest compute in the fitted data, when known.</summary>
    public double? ExtrapolationRatio { get; init; }

    /// <summary>
    /// Percentile intervals over the bootstrap samples, by the name of the planned quantity as the plan's JSON names it:
    /// <see cref="ParametersKey"/>, <see cref="TokensKey"/>, <see cref="TokensPerParameterKey"/>, <see cref="LossKey"/>,
    /// <see cref="ComputeKey"/>, and when planned <c>epochs</c>, <c>gpuHours</c>, <c>cost</c>, <see cref="EnergyKey"/>, <see cref="EmissionsKey"/>, <c>totalCompute</c>.
    /// </summary>
    public IReadOnlyDictionary<string, Interval> Intervals { get; init; } = new Dictionary<string, Interval>();

    /// <summary>Key of the interval of <see cref="Parameters"/>.</summary>
    public const string ParametersKey = "parameters";

    /// <summary>Key of the interval of <see cref="Tokens"/>.</summary>
    public const string TokensKey = "tokens";

    /// <summary>Key of the interval of <see cref="TokensPerParameter"/>.</summary>
    public const string TokensPerParameterKey = "tokensPerParameter";

    /// <summary>Key of the interval of <see cref="Loss"/>.</summary>
    public const string LossKey = "loss";

    /// <summary>Key of the interval of <see cref="Compute"/>.</summary>
    public const string ComputeKey = "compute";

    /// <summary>What planning found worth saying.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
}
