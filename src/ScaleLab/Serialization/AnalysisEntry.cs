namespace ScaleLab.Serialization;

/// <summary>
/// How the analysis of a <see cref="FitDocument"/> was made, beyond what its intervals, bootstrap and test record
/// (null in documents written before it was recorded: then the level and method are read off the intervals).
/// </summary>
public sealed record AnalysisEntry
{
    /// <summary>Interval level.</summary>
    public double Level { get; init; }

    /// <summary>Bootstrap interval method: <c>percentile</c> or <c>bca</c>.</summary>
    public string Interval { get; init; } = "percentile";

    /// <summary>Compute budget (FLOPs) of the derived N_opt, D_opt and tokens per parameter.</summary>
    public double? Budget { get; init; }

    /// <summary>Whether profile-likelihood intervals were asked for.</summary>
    public bool Profile { get; init; }

    /// <summary>The profiles, when computed.</summary>
    public IReadOnlyList<ProfileEntry>? Profiles { get; init; }
}
