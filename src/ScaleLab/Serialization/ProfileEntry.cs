using ScaleLab.Uncertainty;

namespace ScaleLab.Serialization;

/// <summary>The profile likelihood of one parameter in a <see cref="FitDocument"/> (see <see cref="ParameterProfile"/>).</summary>
public sealed record ProfileEntry
{
    /// <summary>Published name.</summary>
    public required string Parameter { get; init; }

    /// <summary>The fitted value.</summary>
    public double Estimate { get; init; }

    /// <summary>The profile-likelihood interval.</summary>
    public required Interval Interval { get; init; }

    /// <summary>The profile never reached the threshold below the estimate.</summary>
    public bool FlatLower { get; init; }

    /// <summary>The profile never reached the threshold above the estimate.</summary>
    public bool FlatUpper { get; init; }

    /// <summary>Smallest value searched.</summary>
    public double SearchedLower { get; init; }

    /// <summary>Largest value searched.</summary>
    public double SearchedUpper { get; init; }

    /// <summary>Profile points as [value, statistic] pairs, in ascending value.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Points { get; init; } = [];
}
