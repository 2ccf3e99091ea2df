using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;

namespace ScaleLab.Studies;

/// <summary>The measured exponent of one regime beside the theory's, with its interval and how the interval was made.</summary>
public sealed record RegimeFit
{
    /// <summary>The regime.</summary>
    public required Regime Regime { get; init; }

    /// <summary>Runs fitted.</summary>
    public required int Points { get; init; }

    /// <summary>The (size, metric) points fitted, in plan order: <see cref="Points"/> of them.</summary>
    public required IReadOnlyList<(double Size, double Metric)> Measured { get; init; }

    /// <summary>The power-law fit; null when there were fewer than two distinct sizes.</summary>
    public FitResult? Fit { get; init; }

    /// <summary>Measured exponent (NaN without a fit).</summary>
    public double Alpha => Fit is { } f ? f.Parameters[f.Law.Parameters[1].Name] : double.NaN;

    /// <summary>Lower end of the interval on <see cref="Alpha"/>.</summary>
    public required double Lower { get; init; }

    /// <summary>Upper end of the interval on <see cref="Alpha"/>.</summary>
    public required double Upper { get; init; }

    /// <summary>How the interval was computed (method, level, resamples, seed).</summary>
    public required string IntervalMethod { get; init; }

    /// <summary>Bootstrap refits (x_c, alpha) of y = (x_c/x)^alpha, for prediction intervals.</summary>
    public required IReadOnlyList<(double Scale, double Alpha)> Resamples { get; init; }

    /// <summary>Smallest and largest swept size.</summary>
    public required (double Min, double Max) Range { get; init; }

    /// <summary>Fit and interval findings.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>True when the theory's exponent lies inside the interval.</summary>
    public bool AgreesWithTheory => Regime.TheoryExponent >= Lower && Regime.TheoryExponent <= Upper;

    /// <summary>The measured exponent against the theory's and the regime's expected finite-size bias.</summary>
    public TheoryAgreement Agreement
    {
        get
        {
            if (Fit is null || !double.IsFinite(Alpha)) return TheoryAgreement.NoFit;
            if (AgreesWithTheory) return TheoryAgreement.Agrees;
            if (Regime.FiniteSize is not { } effect) return TheoryAgreement.Unexplained;
            bool steeper = Alpha > Regime.TheoryExponent;
            return steeper == (effect.Direction == ExponentBias.Steeper) ? TheoryAgreement.FiniteSizeBias : TheoryAgreement.AgainstFiniteSizeBias;
        }
    }

    /// <summary>
    /// The metric predicted at size <paramref name="x"/> with the 2.5–97.5 % range of the bootstrap
    /// refits' predictions (NaN bounds without resamples).
    /// </summary>
    public (double Value, double Lower, double Upper) Predict(double x)
    {
        if (Fit is null) return (double.NaN, double.NaN, double.NaN);
        var point = Regime.Variable == ScaleVariable.Parameters ? ScalingData.Point(parameters: x) : ScalingData.Point(tokens: x);
        double value = Fit.Predict(point);
        if (Resamples.Count == 0) return (value, double.NaN, double.NaN);
        var values = Resamples.Select(r => Math.Pow(r.Scale / x, r.Alpha)).Order().ToArray();
        return (value, RegimeAnalysis.Percentile(values, 0.025), RegimeAnalysis.Percentile(values, 0.975));
    }
}
