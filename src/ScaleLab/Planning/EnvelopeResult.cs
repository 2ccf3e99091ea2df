using ScaleLab.Diagnostics;

namespace ScaleLab.Planning;

/// <summary>Approach 1 result: the lower envelope and the power laws N* = k_N·C^a, D* = k_D·C^b fitted through it.</summary>
public sealed record EnvelopeResult
{
    /// <summary>The envelope, one point per grid value of C where some run reaches.</summary>
    public required IReadOnlyList<EnvelopePoint> Points { get; init; }

    /// <summary>Number of training curves read.</summary>
    public required int Runs { get; init; }

    /// <summary>Allocation exponent a (N* ∝ C^a).</summary>
    public required double ExponentA { get; init; }

    /// <summary>Allocation exponent b (D* ∝ C^b).</summary>
    public required double ExponentB { get; init; }

    /// <summary>ln k_N.</summary>
    public required double InterceptN { get; init; }

    /// <summary>ln k_D.</summary>
    public required double InterceptD { get; init; }

    /// <summary>Distinct model sizes on the envelope.</summary>
    public required int DistinctSizes { get; init; }

    /// <summary>Share of envelope points in the last 15% of their run.</summary>
    public required double ShareInLast15Percent { get; init; }

    /// <summary>Findings.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>N*(C) from the fitted power law.</summary>
    public double OptimalParameters(double compute) => Math.Exp(InterceptN + ExponentA * Math.Log(compute));

    /// <summary>D*(C) from the fitted power law.</summary>
    public double OptimalTokens(double compute) => Math.Exp(InterceptD + ExponentB * Math.Log(compute));
}
