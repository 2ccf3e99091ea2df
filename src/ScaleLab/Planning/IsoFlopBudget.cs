namespace ScaleLab.Planning;

/// <summary>One IsoFLOP profile: the runs at one budget and the vertex of the parabola L = p2·(ln N)² + p1·ln N + p0.</summary>
public sealed record IsoFlopBudget
{
    /// <summary>The budget C (geometric mean of the group's compute values).</summary>
    public required double Compute { get; init; }

    /// <summary>Model sizes sampled at this budget, ascending.</summary>
    public required double[] SampledParameters { get; init; }

    /// <summary>The metric of the run at each sampled size (same order).</summary>
    public required double[] Losses { get; init; }

    /// <summary>Parabola coefficients (p2, p1, p0) in ln N.</summary>
    public required (double P2, double P1, double P0) Parabola { get; init; }

    /// <summary>True when the vertex is used (enough points, positive curvature).</summary>
    public required bool Used { get; init; }

    /// <summary>N* = exp(−p1/(2·p2)).</summary>
    public required double OptimalParameters { get; init; }

    /// <summary>D* = C/(6·N*).</summary>
    public double OptimalTokens => Compute / (6 * OptimalParameters);

    /// <summary>Parabola value at the vertex.</summary>
    public required double MinimumLoss { get; init; }

    /// <summary>
    /// Where the vertex sits in the sampled grid: (ln N* − centre)/(half-width); 0 = centred,
    /// ±1 = at the smallest/largest sampled size, beyond ±1 = extrapolated.
    /// </summary>
    public required double Centring { get; init; }

    /// <summary>Largest over smallest sampled size.</summary>
    public double GridWidth => SampledParameters[^1] / SampledParameters[0];

    /// <summary>Why the budget was left out, when it was.</summary>
    public string? Note { get; init; }

    /// <summary>Whether the budget has a parabola (at least three distinct sizes), whichever way it opens.</summary>
    public bool HasParabola => double.IsFinite(Parabola.P2);

    /// <summary>True when the vertex is used and lies within the sampled sizes (otherwise it is an extrapolation).</summary>
    public bool OptimumInside => Used && OptimalParameters >= SampledParameters[0] && OptimalParameters <= SampledParameters[^1];

    /// <summary>The parabola at <paramref name="parameters"/>.</summary>
    public double Evaluate(double parameters)
    {
        double x = Math.Log(parameters);
        return Parabola.P0 + x * (Parabola.P1 + x * Parabola.P2);
    }
}
