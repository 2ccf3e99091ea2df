using ScaleLab.Diagnostics;
using ScaleLab.Fitting;

namespace ScaleLab.Laws;

/// <summary>The result of <see cref="HernandezTransfer.Fit"/>: the from-scratch law, the transfer coefficients and the steps between.</summary>
public sealed record TransferFit
{
    /// <summary>Kaplan et al.'s L(N, D) fitted to the from-scratch runs.</summary>
    public required FitResult Scratch { get; init; }

    /// <summary>k, alpha and beta from the fit of the per-D_F fits.</summary>
    public required TransferCoefficients Coefficients { get; init; }

    /// <summary>The effective data transferred of each fine-tuned run that had one: (N, D_F, D_T).</summary>
    public required IReadOnlyList<(double Parameters, double FineTuningData, double Transferred)> Transferred { get; init; }

    /// <summary>The fit at each fine-tuning data size: logit(D_T/D_E) = Intercept + Slope·ln N over its runs.</summary>
    public required IReadOnlyList<(double FineTuningData, double Intercept, double Slope, int Runs)> PerDataFits { get; init; }

    /// <summary>Runs left out (no transfer, or a loss below the from-scratch law's limit) and why.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }
}
