using System.Numerics.Tensors;
using ScaleLab.Data;
using ScaleLab.Numerics;

namespace ScaleLab.Laws;

/// <summary>
/// Pure power law without a floor in one scale variable, in Kaplan et al.'s form (2020, "Scaling
/// Laws for Neural Language Models", arXiv:2001.08361, eqs. 1.1–1.3):
/// <code>L(N) = (N_c/N)^alpha_N,  L(D) = (D_c/D)^alpha_D,  L(C) = (C_c/C)^alpha_C</code>
/// Parameterisation: θ = (ln x_c, alpha_x), so ln L = alpha_x·(ln x_c − ln x). C is in FLOPs (the
/// paper quotes C_c in PF-days: 1 PF-day = 8.64e19 FLOPs).
/// Fitted by default with least squares on log residuals (docs/science.md §1); in log space the law
/// is a straight line, so the default start is the log-log regression itself, plus alpha ∈ {0.05,
/// 0.1, 0.3, 1} with x_c set to match the data's mean log.
/// Published values (Table 5): alpha_N = 0.076, N_c = 8.8e13; alpha_D = 0.095, D_c = 5.4e13.
/// </summary>
public sealed class PurePowerLaw : ScalingLaw
{
    private static readonly double[] AlphaGrid = [0.05, 0.1, 0.3, 1];
    private readonly LawParameter[] _parameters;

    /// <summary>The law in <paramref name="variable"/> (N, D or C).</summary>
    public PurePowerLaw(ScaleVariable variable)
    {
        if (variable == ScaleVariable.UniqueTokens) throw new ArgumentException("the pure power law is defined in N, D or C", nameof(variable));
        Variable = variable;
        Variables = [variable];
        var symbol = VariableNames.Symbol(variable);
        _parameters =
        [
            LawParameter.Scale(symbol + "_c", $"scale at which the loss is 1 ({symbol} units)"),
            LawParameter.Plain("alpha_" + symbol, "power-law exponent"),
        ];
    }

    /// <summary>The scale variable x.</summary>
    public ScaleVariable Variable { get; }

    /// <inheritdoc />
    public override string Name => "kaplan-" + VariableNames.Suffix(Variable);

    /// <inheritdoc />
    public override string Formula
    {
        get
        {
            var s = VariableNames.Symbol(Variable);
            return $"L = ({s}_c/{s})^alpha_{s}";
        }
    }

    /// <inheritdoc />
    public override string Reference => "Kaplan et al. 2020, arXiv:2001.08361, eqs. 1.1-1.3";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => _parameters;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; }

    /// <inheritdoc />
    public override Metrics.MetricSpace Space => Metrics.MetricSpace.Loss;

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double logScale = theta[0], alpha = theta[1];
        int n = data.Count;
        var logX = data.Logs(Variable);
        if (!jacobian.IsEmpty)
        {
            var dAlpha = jacobian.Slice(n, n);
            TensorPrimitives.Subtract(logScale, logX, dAlpha);
            jacobian.Slice(0, n).Fill(alpha);
            TensorPrimitives.Multiply(dAlpha, alpha, logPrediction);
            return;
        }
        TensorPrimitives.Subtract(logScale, logX, logPrediction);
        TensorPrimitives.Multiply(logPrediction, alpha, logPrediction);
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var logX = data.Logs(Variable);
        var starts = new List<double[]>();
        // ln L = alpha·ln x_c − alpha·ln x: the regression slope is −alpha, the intercept alpha·ln x_c.
        var (slope, intercept, _, _, _) = LinearFit.Of(logX, data.LogY);
        if (double.IsFinite(slope) && Math.Abs(slope) > 1e-12) starts.Add([intercept / -slope, -slope]);
        double meanLogX = TensorPrimitives.Average(logX), meanLogY = TensorPrimitives.Average(data.LogY);
        foreach (var alpha in AlphaGrid) starts.Add([meanLogX + meanLogY / alpha, alpha]);
        return starts;
    }
}
