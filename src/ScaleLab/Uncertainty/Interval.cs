using System.Text.Json.Serialization;
using ScaleLab.Quantities;

namespace ScaleLab.Uncertainty;

/// <summary>
/// A two-sided interval for one quantity at a confidence level, with the method that produced it: the one
/// interval type of ScaleLab, for parameters, derived quantities, predictions and plans alike.
/// </summary>
/// <param name="Lower">Lower end (−∞ when the data do not bound it).</param>
/// <param name="Upper">Upper end (+∞ when the data do not bound it).</param>
/// <param name="Level">Nominal coverage, e.g. 0.8 for the 10–90 % interval.</param>
/// <param name="Method">How it was computed: <c>percentile</c>, <c>bca</c>, <c>profile</c>, <c>predictive</c>, <c>bootstrap-mean</c>, <c>bootstrap-predictive</c>.</param>
public sealed record Interval(double Lower, double Upper, double Level, string Method)
{
    /// <summary>How many finite sample values it was read off (bootstrap replicates, plans at bootstrap samples); null when not from samples.</summary>
    public int? Samples { get; init; }

    /// <summary>Upper minus lower.</summary>
    [JsonIgnore]
    public double Width => Upper - Lower;

    /// <summary>Whether both ends are finite.</summary>
    [JsonIgnore]
    public bool IsBounded => double.IsFinite(Lower) && double.IsFinite(Upper);

    /// <summary>Whether <paramref name="value"/> lies inside (ends included).</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>
    /// Orders of magnitude spanned (log10 of upper/lower) for a positive quantity; NaN when the
    /// interval reaches zero or below.
    /// </summary>
    [JsonIgnore]
    public double Decades => Lower > 0 && Upper > 0 ? Math.Log10(Upper / Lower) : double.NaN;

    /// <inheritdoc />
    public override string ToString() => $"[{Quantity.Format(Lower, 5)}, {Quantity.Format(Upper, 5)}] ({Quantity.Format(Level * 100, 3)} % {Method})";
}
