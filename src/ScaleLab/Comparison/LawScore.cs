using ScaleLab.Diagnostics;
using ScaleLab.Fitting;

namespace ScaleLab.Comparison;

/// <summary>How one law did in a comparison: in-sample fit (objective, AIC, BIC) and extrapolation to the held-out points.</summary>
public sealed record LawScore
{
    /// <summary>Law name.</summary>
    public required string Law { get; init; }

    /// <summary>Fit status on the fitted part.</summary>
    public required FitStatus Status { get; init; }

    /// <summary>Fitted parameters (published units).</summary>
    public required IReadOnlyDictionary<string, double> Parameters { get; init; }

    /// <summary>Free parameters k (the likelihood's scale adds one more to AIC/BIC).</summary>
    public required int FreeParameters { get; init; }

    /// <summary>Summed objective on the fitted points.</summary>
    public required double Objective { get; init; }

    /// <summary>Maximised log-likelihood on the fitted points (see ResidualLikelihood).</summary>
    public required double LogLikelihood { get; init; }

    /// <summary>Akaike information criterion, 2(k+1) − 2ℓ.</summary>
    public required double Aic { get; init; }

    /// <summary>Bayesian information criterion, (k+1)·ln n − 2ℓ.</summary>
    public required double Bic { get; init; }

    /// <summary>Root mean squared log error on the fitted points.</summary>
    public required double FitRmsle { get; init; }

    /// <summary>Root mean squared log error on the held-out points (NaN without holdout).</summary>
    public required double Rmsle { get; init; }

    /// <summary>
    /// Standard error of <see cref="Rmsle"/> as Alabdulmohsin et al. report it:
    /// sqrt(mean + sd/√n) − sqrt(mean) of the squared log errors.
    /// </summary>
    public required double RmsleStandardError { get; init; }

    /// <summary>Mean of ln ŷ − ln y on held-out points: positive = the law predicts too high (too pessimistic for a loss).</summary>
    public required double SignedError { get; init; }

    /// <summary>Rank (1 = best) by held-out RMSLE, or by AIC without holdout.</summary>
    public int Rank { get; init; }

    /// <summary>The fit's diagnostics.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }
}
