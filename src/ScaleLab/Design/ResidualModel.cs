using ScaleLab.Fitting;

namespace ScaleLab.Design;

/// <summary>
/// The fit's objective seen as a noise model: residuals in the objective's space, the chain factor
/// ∂r/∂ln ŷ, the weights of the runs in the information (<see cref="Weights"/>), and the noise variance of one
/// run pooled with a scaled inverse-χ² prior.
/// </summary>
internal static class ResidualModel
{
    /// <summary>r = f(ŷ) − f(y) in the objective's space, from ln ŷ.</summary>
    public static double Residual(FitObjective objective, double logPrediction, double y) => objective.Space switch
    {
        ResidualSpace.Log => logPrediction - Math.Log(y),
        ResidualSpace.Linear => Math.Exp(logPrediction) - y,
        _ => Math.Log(1 + Math.Exp(logPrediction)) - Math.Log(1 + y),
    };

    /// <summary>The outcome a run would be compared with, f(ŷ), from ln ŷ.</summary>
    public static double Outcome(FitObjective objective, double logPrediction) => objective.Space switch
    {
        ResidualSpace.Log => logPrediction,
        ResidualSpace.Linear => Math.Exp(logPrediction),
        _ => Math.Log(1 + Math.Exp(logPrediction)),
    };

    /// <summary>∂f(ŷ)/∂ln ŷ.</summary>
    public static double Chain(FitObjective objective, double logPrediction) => objective.Space switch
    {
        ResidualSpace.Log => 1,
        ResidualSpace.Linear => Math.Exp(logPrediction),
        _ => 1 / (1 + Math.Exp(-logPrediction)),
    };

    /// <summary>
    /// The weights w = ψ(r)/r of the runs in the information. For squared loss (and the asymmetric absolute loss,
    /// whose curvature is not defined at its kink) every run weighs 1. For Huber the weight is 1 inside the
    /// threshold and threshold/|r| beyond it, with the threshold at the larger of the loss's δ and 1.345 robust
    /// noise scales (1.4826·median |r|, Huber 1981): with δ far below the noise (Hoffmann et al.'s δ = 1e-3 on
    /// log losses that scatter by 1e-2) the loss acts as least absolute deviations, whose asymptotic covariance
    /// under i.i.d. noise weighs every run alike, so only runs beyond the noise scale lose weight.
    /// </summary>
    public static double[] Weights(FitObjective objective, ReadOnlySpan<double> residuals)
    {
        var w = new double[residuals.Length];
        Array.Fill(w, 1.0);
        if (objective.Loss != LossKind.Huber || residuals.Length == 0) return w;
        var size = new double[residuals.Length];
        for (int i = 0; i < size.Length; i++) size[i] = Math.Abs(residuals[i]);
        Array.Sort(size);
        int m = size.Length / 2;
        double median = size.Length % 2 == 1 ? size[m] : 0.5 * (size[m - 1] + size[m]);
        double threshold = Math.Max(objective.Delta, 1.345 * 1.4826 * median);
        for (int i = 0; i < w.Length; i++)
        {
            double a = Math.Abs(residuals[i]);
            if (a > threshold) w[i] = threshold / a;
        }
        return w;
    }

    /// <summary>ρ(r) of one residual.</summary>
    public static double Loss(FitObjective objective, double r)
    {
        double a = Math.Abs(r);
        return objective.Loss switch
        {
            LossKind.Squared => 0.5 * r * r,
            LossKind.Huber => a <= objective.Delta ? 0.5 * r * r : objective.Delta * (a - 0.5 * objective.Delta),
            _ => a,
        };
    }

    /// <summary>
    /// The exponent q in the profiled likelihood −q·n·ln J of an objective J = Σρ: ½ for Gaussian errors
    /// (squared loss), 1 for Laplace errors (absolute loss); Huber errors are Gaussian inside ±δ and Laplace
    /// outside, so q moves from ½ to 1 with the share of residuals beyond δ.
    /// </summary>
    public static double LikelihoodExponent(FitObjective objective, ReadOnlySpan<double> residuals)
    {
        if (objective.Loss == LossKind.Squared) return 0.5;
        if (objective.Loss != LossKind.Huber || residuals.Length == 0) return 1;
        int outside = 0;
        foreach (var r in residuals) if (Math.Abs(r) > objective.Delta) outside++;
        return 0.5 + 0.5 * outside / residuals.Length;
    }

    /// <summary>
    /// The noise variance s² of one new run in the objective's space: the weighted residual variance
    /// Σw·r²/w̄ over n − p degrees of freedom, pooled with <paramref name="priorWeight"/> pseudo-residuals of
    /// variance <paramref name="priorVariance"/> (a scaled inverse-χ² prior), so that it is defined with
    /// as few runs as parameters and the data take over as runs accumulate.
    /// </summary>
    public static double NoiseVariance(ReadOnlySpan<double> residuals, ReadOnlySpan<double> weights, int freeParameters, double priorVariance, double priorWeight)
    {
        int n = residuals.Length;
        double sumW = 0, sumWr2 = 0;
        for (int i = 0; i < n; i++)
        {
            sumW += weights[i];
            sumWr2 += weights[i] * residuals[i] * residuals[i];
        }
        double meanW = n > 0 ? sumW / n : 1;
        double dof = Math.Max(n - freeParameters, 0);
        double data = dof > 0 && meanW > 0 ? sumWr2 / meanW : 0;
        return (priorWeight * priorVariance + data) / (priorWeight + dof);
    }
}
