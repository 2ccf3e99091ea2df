using System.Globalization;
using System.Numerics.Tensors;

namespace ScaleLab.Fitting;

/// <summary>
/// A fitting objective J(θ) = Σ_i ρ(r_i): a per-point loss in log or linear space, summed (never
/// averaged: Besiroglu et al. 2024 traced Hoffmann's too-narrow intervals to an averaged objective
/// that stopped the optimizer early; the optimizer's tolerances here are relative, so scale does not matter).
/// </summary>
public sealed record FitObjective
{
    /// <summary>Huber with δ = 1e-3 on log residuals: Hoffmann et al. 2022 App. D.2.</summary>
    public static FitObjective Default { get; } = new() { Loss = LossKind.Huber, Space = ResidualSpace.Log, Delta = 1e-3 };

    /// <summary>The per-point loss.</summary>
    public LossKind Loss { get; init; } = LossKind.Huber;

    /// <summary>Log or linear residuals.</summary>
    public ResidualSpace Space { get; init; } = ResidualSpace.Log;

    /// <summary>Huber threshold δ.</summary>
    public double Delta { get; init; } = 1e-3;

    /// <summary>
    /// Weight of over-predictions (ŷ &gt; y) in the asymmetric loss: the "negative residuals" y − ŷ &lt; 0 of
    /// kyo-takano/chinchilla's <c>asymmetric_mae</c> (default ×10, linear space), which fits the floor of the
    /// loss distribution.
    /// </summary>
    public double NegativeWeight { get; init; } = 10;

    /// <summary>
    /// Width μ of a quadratic zone that rounds the kink of the asymmetric absolute loss at r = 0
    /// (ρ = weight·r²/(2μ) for |r| ≤ μ, weight·(|r| − μ/2) beyond); 0, the default, is the exact loss.
    /// The fitter uses it to finish fits of that piecewise-linear loss by continuation (μ → 0).
    /// </summary>
    internal double Smoothing { get; init; }

    /// <summary>Squared error on log residuals (least squares in log space).</summary>
    public static FitObjective SquaredLog { get; } = new() { Loss = LossKind.Squared, Space = ResidualSpace.Log };

    /// <summary>Parses <c>huber-log</c>, <c>huber-linear</c>, <c>squared-log</c>, <c>squared-linear</c>, <c>asymmetric-linear</c>, <c>asymmetric-log</c>; any loss also takes <c>-log1p</c> (residuals of ln(1 + y), as the BNSL scripts fit).</summary>
    public static FitObjective Parse(string text, double? delta = null, double? negativeWeight = null)
    {
        var parts = text.Trim().ToLowerInvariant().Split('-', 2);
        var loss = parts[0] switch
        {
            "huber" => LossKind.Huber,
            "squared" or "ls" or "mse" => LossKind.Squared,
            "asymmetric" or "asym" => LossKind.AsymmetricAbsolute,
            _ => throw new ArgumentException($"unknown objective '{text}' (use huber-log, huber-linear, squared-log, squared-linear, asymmetric-linear or asymmetric-log)"),
        };
        var space = parts.Length < 2 ? ResidualSpace.Log : parts[1] switch
        {
            "log" => ResidualSpace.Log,
            "linear" or "lin" => ResidualSpace.Linear,
            "log1p" => ResidualSpace.Log1p,
            _ => throw new ArgumentException($"unknown residual space in '{text}' (use -log, -linear or -log1p)"),
        };
        var result = new FitObjective { Loss = loss, Space = space };
        if (delta is { } d)
        {
            if (!(d > 0) || !double.IsFinite(d)) throw new ArgumentException($"Huber delta must be a positive number, got {d.ToString(CultureInfo.InvariantCulture)}");
            result = result with { Delta = d };
        }
        if (negativeWeight is { } w)
        {
            if (!(w > 0) || !double.IsFinite(w)) throw new ArgumentException($"negative-residual weight must be a positive number, got {w.ToString(CultureInfo.InvariantCulture)}");
            result = result with { NegativeWeight = w };
        }
        return result;
    }

    /// <summary>Stable name, e.g. <c>huber-log</c>.</summary>
    public string Name => $"{Loss switch { LossKind.Huber => "huber", LossKind.Squared => "squared", _ => "asymmetric" }}-{Space switch { ResidualSpace.Log => "log", ResidualSpace.Linear => "linear", _ => "log1p" }}";

    /// <summary>Returns Σρ(r_i) and writes ψ_i = ρ'(r_i) into <paramref name="psi"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> residuals, Span<double> psi)
    {
        switch (Loss)
        {
            case LossKind.Huber:
                // ψ = clip(r, −δ, δ); Σρ = Σψr − ½Σψ² holds on both branches of the Huber loss.
                TensorPrimitives.Min(residuals, Delta, psi);
                TensorPrimitives.Max(psi, -Delta, psi);
                return TensorPrimitives.Dot(psi, residuals) - 0.5 * TensorPrimitives.SumOfSquares((ReadOnlySpan<double>)psi);
            case LossKind.Squared:
                residuals.CopyTo(psi);
                return 0.5 * TensorPrimitives.SumOfSquares(residuals);
            default:
                double sum = 0;
                if (Smoothing > 0) return SmoothedAsymmetric(residuals, psi);
                for (int i = 0; i < residuals.Length; i++)
                {
                    var r = residuals[i];
                    // r = ŷ − y > 0 is an over-prediction, the side the asymmetric loss weights.
                    if (r > 0) { psi[i] = NegativeWeight; sum += NegativeWeight * r; }
                    else { psi[i] = r < 0 ? -1 : 0; sum -= r; }
                }
                return sum;
        }
    }

    private double SmoothedAsymmetric(ReadOnlySpan<double> residuals, Span<double> psi)
    {
        double mu = Smoothing, sum = 0;
        for (int i = 0; i < residuals.Length; i++)
        {
            var r = residuals[i];
            double weight = r > 0 ? NegativeWeight : 1, size = Math.Abs(r);
            if (size <= mu)
            {
                psi[i] = weight * r / mu;
                sum += weight * size * size / (2 * mu);
            }
            else
            {
                psi[i] = weight * Math.Sign(r);
                sum += weight * (size - mu / 2);
            }
        }
        return sum;
    }

    /// <inheritdoc />
    public override string ToString() => Loss == LossKind.Huber
        ? $"{Name} (delta={Delta.ToString("G", CultureInfo.InvariantCulture)})"
        : Loss == LossKind.AsymmetricAbsolute ? $"{Name} (over-prediction weight={NegativeWeight.ToString("G", CultureInfo.InvariantCulture)})" : Name;
}
