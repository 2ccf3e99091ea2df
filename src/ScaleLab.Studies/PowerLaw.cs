using System.Numerics.Tensors;
using ScaleLab.Data;
using ScaleLab.Laws;

namespace ScaleLab.Studies;

/// <summary>
/// Pure power law in one scale variable (form PL of SCIENCE.md §0; Kaplan et al. 2020 L(N), L(D);
/// Bahri et al. 2021 regimes):
/// <code>y = A · x^(−alpha)</code>
/// Parameterisation: θ = (ln A, alpha), so ln y = ln A − alpha·ln x is linear in θ and a squared
/// log-residual fit is the log–log least-squares slope the papers report.
/// Default starts: alpha ∈ {0, 0.5, 1, 2, 4}, each with ln A through the centre of the data.
/// </summary>
internal sealed class PowerLaw : ScalingLaw
{
    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("A", "scale"),
        LawParameter.Plain("alpha", "exponent"),
    ];

    private readonly ScaleVariable _variable;

    public PowerLaw(ScaleVariable variable)
    {
        _variable = variable;
        Variables = [variable];
    }

    public override string Name => "power-law";

    public override string Formula => $"y = A * {Symbol}^-alpha";

    public override string Reference => "Bahri et al. 2021, arXiv:2102.06701 (regimes); Kaplan et al. 2020, arXiv:2001.08361 (form)";

    public override IReadOnlyList<LawParameter> Parameters => Params;

    public override IReadOnlyList<ScaleVariable> Variables { get; }

    private string Symbol => _variable switch
    {
        ScaleVariable.Parameters => "N",
        ScaleVariable.Tokens => "D",
        ScaleVariable.Compute => "C",
        _ => "U",
    };

    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        double meanLogX = TensorPrimitives.Sum(data.Logs(_variable)) / data.Count;
        double meanLogY = TensorPrimitives.Sum<double>(data.LogY) / data.Count;
        return [.. new[] { 0.0, 0.5, 1, 2, 4 }.Select(alpha => new[] { meanLogY + alpha * meanLogX, alpha })];
    }

    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double logA = theta[0], alpha = theta[1];
        var logX = data.Logs(_variable);
        TensorPrimitives.Multiply(logX, -alpha, logPrediction);
        TensorPrimitives.Add(logPrediction, logA, logPrediction);
        if (!jacobian.IsEmpty)
        {
            int n = data.Count;
            jacobian[..n].Fill(1);
            TensorPrimitives.Negate(logX, jacobian.Slice(n, n));
        }
    }
}
