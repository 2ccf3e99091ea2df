using System.Numerics.Tensors;
using ScaleLab.Data;
using ScaleLab.Numerics;

namespace ScaleLab.Laws;

/// <summary>
/// Power law with an irreducible floor in one scale variable x ∈ {N, D, C} (Hestness et al. 2017,
/// "Deep Learning Scaling is Predictable, Empirically", arXiv:1712.00409; the M2 estimator of
/// Alabdulmohsin et al. 2022):
/// <code>L(x) = E + A · x^(−alpha)</code>
/// Parameterisation: θ = (e, a, alpha) with E = exp(e), A = exp(a), so that
/// ln L = LSE(e, a − alpha·ln x) and E, A stay positive.
/// Fitted by default with least squares on log residuals (docs/science.md §1).
/// Default starts: for E at fractions {0.001, 0.1, 0.25, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99} of the
/// smallest observed metric, the log-log regression of (y − E) on x, plus alpha ∈ {0.05, 0.1,
/// 0.25, 0.5, 1} with a set to match the data's mean log.
/// </summary>
public sealed class PowerLawWithFloor : ScalingLaw
{
    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("E", "irreducible loss"),
        LawParameter.Scale("A", "scale of the power-law term"),
        LawParameter.Plain("alpha", "power-law exponent"),
    ];

    private static readonly double[] FloorFractions = [0.001, 0.1, 0.25, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99];
    private static readonly double[] AlphaGrid = [0.05, 0.1, 0.25, 0.5, 1];

    /// <summary>The law in <paramref name="variable"/>.</summary>
    public PowerLawWithFloor(ScaleVariable variable)
    {
        Variable = variable;
        Variables = [variable];
    }

    /// <summary>The scale variable x.</summary>
    public ScaleVariable Variable { get; }

    /// <inheritdoc />
    public override string Name => "power-law-" + VariableNames.Suffix(Variable);

    /// <inheritdoc />
    public override string Formula => $"L = E + A*{VariableNames.Symbol(Variable)}^(-alpha)";

    /// <inheritdoc />
    public override string Reference => "Hestness et al. 2017, arXiv:1712.00409";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; }

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double e = theta[0], a = theta[1], alpha = theta[2];
        int n = data.Count;
        var logX = data.Logs(Variable);
        bool withJacobian = !jacobian.IsEmpty;
        using var scratch = withJacobian ? default : LawScratch.Rent(1, n);
        // The power term A·x^−alpha lives in Jacobian row 1 (or scratch) until it becomes its weight.
        Span<double> term = withJacobian ? jacobian.Slice(n, n) : scratch.Row(0);
        TensorPrimitives.Multiply(logX, -alpha, term);
        TensorPrimitives.Add(term, a, term);
        TensorPrimitives.Exp(term, term);
        TensorPrimitives.Add(term, Math.Exp(e), logPrediction);
        if (withJacobian)
        {
            // Softmax weights of the two terms: w_A = A x^−α / L, w_E = 1 − w_A.
            var wE = jacobian.Slice(0, n);
            TensorPrimitives.Divide(term, logPrediction, term);
            TensorPrimitives.Subtract(1.0, term, wE);
            var dAlpha = jacobian.Slice(2 * n, n);
            TensorPrimitives.Multiply(term, logX, dAlpha);
            TensorPrimitives.Negate(dAlpha, dAlpha);
        }
        TensorPrimitives.Log(logPrediction, logPrediction);
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var logX = data.Logs(Variable);
        double minY = TensorPrimitives.Min(data.Y);
        var starts = new List<double[]>();
        if (!(minY > 0)) return [[0, 0, 0.5]];
        var logRest = new double[data.Count];
        foreach (var fraction in FloorFractions)
        {
            double floor = fraction * minY;
            for (int i = 0; i < logRest.Length; i++) logRest[i] = Math.Log(data.Y[i] - floor);
            var (slope, intercept, _, _, _) = LinearFit.Of(logX, logRest);
            if (double.IsFinite(slope)) starts.Add([Math.Log(floor), intercept, -slope]);
            double meanLogX = TensorPrimitives.Average(logX), meanLogRest = TensorPrimitives.Average(logRest);
            foreach (var alpha in AlphaGrid) starts.Add([Math.Log(floor), meanLogRest + alpha * meanLogX, alpha]);
        }
        return starts;
    }
}
