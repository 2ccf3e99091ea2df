using ScaleLab.Diagnostics;

namespace ScaleLab.Design;

/// <summary>A complete selection: the runs in the order to train them, what they cost, the basins, and the target interval now and after.</summary>
public sealed record DesignResult
{
    /// <summary>Selected, fill only, or failed.</summary>
    public required DesignStatus Status { get; init; }

    /// <summary>The suggested runs in the order they should be run.</summary>
    public required IReadOnlyList<DesignSuggestion> Selected { get; init; }

    /// <summary>Their total cost.</summary>
    public required double Spent { get; init; }

    /// <summary>The target interval now and expected after the runs (null without a fit).</summary>
    public required TargetInterval? Interval { get; init; }

    /// <summary>The basins of the fit to the runs so far, best first.</summary>
    public required IReadOnlyList<DesignBasin> Basins { get; init; }

    /// <summary>Noise standard deviation of one run in the objective's space (NaN without a fit).</summary>
    public required double NoiseStandardDeviation { get; init; }

    /// <summary>The cost power of the sequence kept.</summary>
    public required double CostPower { get; init; }

    /// <summary>The number of free parameters.</summary>
    public required int FreeParameters { get; init; }

    /// <summary>What the selection found worth saying.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }
}
