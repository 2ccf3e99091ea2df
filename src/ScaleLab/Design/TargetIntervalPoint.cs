using ScaleLab.Data;

namespace ScaleLab.Design;

/// <summary>One target quantity: its estimate and its interval now and, expected, after the suggested runs.</summary>
public sealed record TargetIntervalPoint
{
    /// <summary>The scale variables defining it (the point, or the target compute).</summary>
    public required IReadOnlyList<(ScaleVariable Variable, double Value)> Variables { get; init; }

    /// <summary>The basin-weighted estimate (geometric: exp of the weighted mean log).</summary>
    public required double Estimate { get; init; }

    /// <summary>Standard deviation of its log now.</summary>
    public required double LogStandardDeviation { get; init; }

    /// <summary>Expected standard deviation of its log after the suggested runs.</summary>
    public required double LogStandardDeviationAfter { get; init; }

    /// <summary>Interval now: exp(mean log ∓ z·sd).</summary>
    public required (double Lower, double Upper) Before { get; init; }

    /// <summary>Expected interval after the suggested runs.</summary>
    public required (double Lower, double Upper) After { get; init; }
}
