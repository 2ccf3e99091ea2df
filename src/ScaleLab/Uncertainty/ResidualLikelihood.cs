using ScaleLab.Fitting;

namespace ScaleLab.Uncertainty;

/// <summary>
/// The likelihood view of a fitting objective (as in Besiroglu et al. 2024): residuals are taken as i.i.d.
/// with density exp(−ρ(r)/τ)/Z(τ), where ρ is the objective's per-point loss and τ a scale
/// estimated by maximum likelihood. Its maximiser in θ is exactly the fitted θ, and for the squared
/// loss it is the Gaussian likelihood with σ² = τ. Huber: Z(τ) = 2[√(2πτ)(Φ(δ/√τ) − ½) +
/// (τ/δ)·exp(−δ²/(2τ))]; asymmetric absolute loss with weight w: Z(τ) = τ(1 + 1/w).
/// Profile intervals, likelihood-ratio tests and AIC/BIC use the maximised log-likelihood as a
/// function of the summed objective J, <see cref="MaxLogLikelihood"/>.
/// </summary>
public static class ResidualLikelihood
{
    /// <summary>Name of the likelihood for reports: <c>gaussian</c>, <c>huber</c> or <c>asymmetric-laplace</c>.</summary>
    public static string Name(FitObjective objective) => objective.Loss switch
    {
        LossKind.Squared => "gaussian",
        LossKind.Huber => "huber",
        _ => "asymmetric-laplace",
    };

    /// <summary>max over τ of the log-likelihood of n residuals whose summed loss is <paramref name="objectiveValue"/>.</summary>
    public static double MaxLogLikelihood(FitObjective objective, double objectiveValue, int n)
    {
        double j = Math.Max(objectiveValue, 1e-300);
        switch (objective.Loss)
        {
            case LossKind.Squared:
                return -0.5 * n * (1 + Math.Log(2 * Math.PI * 2 * j / n));
            case LossKind.AsymmetricAbsolute:
                double tau = j / n;
                return -n - n * Math.Log(tau * (1 + 1 / objective.NegativeWeight));
            default:
                return MaxHuber(objective.Delta, j, n);
        }
    }

    /// <summary>The maximum-likelihood scale τ̂ (σ² for the squared loss).</summary>
    public static double Scale(FitObjective objective, double objectiveValue, int n)
    {
        double j = Math.Max(objectiveValue, 1e-300);
        return objective.Loss switch
        {
            LossKind.Squared => 2 * j / n,
            LossKind.AsymmetricAbsolute => j / n,
            _ => Math.Exp(ArgMaxLogTau(objective.Delta, j, n)),
        };
    }

    private static double MaxHuber(double delta, double j, int n)
    {
        double logTau = ArgMaxLogTau(delta, j, n);
        return HuberLogLikelihood(delta, j, n, logTau);
    }

    private static double HuberLogLikelihood(double delta, double j, int n, double logTau)
    {
        double tau = Math.Exp(logTau);
        double root = Math.Sqrt(tau);
        double z = 2 * (Math.Sqrt(2 * Math.PI) * root * (StatisticalFunctions.NormalCdf(delta / root) - 0.5)
                        + tau / delta * Math.Exp(-delta * delta / (2 * tau)));
        return -j / tau - n * Math.Log(z);
    }

    /// <summary>Golden-section search of the (unimodal) log-likelihood over ln τ.</summary>
    private static double ArgMaxLogTau(double delta, double j, int n)
    {
        // τ between the Gaussian-limit and Laplace-limit estimates, widened generously.
        double gaussian = Math.Log(2 * j / n), laplace = Math.Log(delta * j / n);
        double lo = Math.Min(gaussian, laplace) - 5, hi = Math.Max(gaussian, laplace) + 5;
        const double phi = 0.6180339887498949;
        double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
        double f1 = HuberLogLikelihood(delta, j, n, x1), f2 = HuberLogLikelihood(delta, j, n, x2);
        for (int i = 0; i < 200 && hi - lo > 1e-12; i++)
        {
            if (f1 < f2) { lo = x1; x1 = x2; f1 = f2; x2 = lo + phi * (hi - lo); f2 = HuberLogLikelihood(delta, j, n, x2); }
            else { hi = x2; x2 = x1; f2 = f1; x1 = hi - phi * (hi - lo); f1 = HuberLogLikelihood(delta, j, n, x1); }
        }
        return 0.5 * (lo + hi);
    }
}
