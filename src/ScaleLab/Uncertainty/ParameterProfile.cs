namespace ScaleLab.Uncertainty;

/// <summary>The profile likelihood of one parameter and the interval read from it.</summary>
/// <param name="Parameter">Published name.</param>
/// <param name="Estimate">The fitted value (published units).</param>
/// <param name="Interval">Where the likelihood-ratio statistic crosses the χ²(1) quantile; an end is infinite when the profile never rises that far.</param>
/// <param name="Points">Profile points: value (published units) and the statistic 2(ℓ̂ − ℓ_profile) there.</param>
/// <param name="FlatLower">The profile stays below the threshold all the way down the searched range.</param>
/// <param name="FlatUpper">The profile stays below the threshold all the way up the searched range.</param>
/// <param name="SearchedLower">Smallest value searched.</param>
/// <param name="SearchedUpper">Largest value searched.</param>
public sealed record ParameterProfile(string Parameter, double Estimate, Interval Interval, IReadOnlyList<(double Value, double Statistic)> Points,
    bool FlatLower, bool FlatUpper, double SearchedLower, double SearchedUpper);
