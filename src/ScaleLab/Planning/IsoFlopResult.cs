using ScaleLab.Diagnostics;

namespace ScaleLab.Planning;

/// <summary>Approach 2 result: per-budget vertices and the power laws N* = k_N·C^a, D* = k_D·C^b fitted through them.</summary>
public sealed record IsoFlopResult
{
    /// <summary>Every budget, used or not.</summary>
    public required IReadOnlyList<IsoFlopBudget> Budgets { get; init; }

    /// <summary>Allocation exponent a (N* ∝ C^a).</summary>
    public required double ExponentA { get; init; }

    /// <summary>Allocation exponent b (D* ∝ C^b).</summary>
    public required double ExponentB { get; init; }

    /// <summary>ln k_N.</summary>
    public required double InterceptN { get; init; }

    /// <summary>ln k_D.</summary>
    public required double InterceptD { get; init; }

    /// <summary>OLS standard error of a (NaN with two budgets).</summary>
    public required double StandardErrorA { get; init; }

    /// <summary>R² of the ln N* regression.</summary>
    public required double RSquared { get; init; }

    /// <summary>Findings, including the parabola-bias note.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>N*(C) from the fitted power law.</summary>
    public double OptimalParameters(double compute) => Math.Exp(InterceptN + ExponentA * Math.Log(compute));

    /// <summary>D*(C) from the fitted power law.</summary>
    public double OptimalTokens(double compute) => Math.Exp(InterceptD + ExponentB * Math.Log(compute));
}
