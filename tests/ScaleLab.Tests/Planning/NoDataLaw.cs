using ScaleLab.Data;
using ScaleLab.Laws;

namespace ScaleLab.Tests.Planning;

/// <summary>A test law L = k·(1 + 1/N + 1/D) that is neither Chinchilla nor data-constrained.</summary>
internal sealed class NoDataLaw : ScalingLaw
{
    public override string Name => "test-no-data";
    public override string Formula => "L = k (1 + 1/N + 1/D)";
    public override string Reference => "test";
    public override IReadOnlyList<LawParameter> Parameters { get; } = [LawParameter.Scale("k", "scale")];
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Parameters, ScaleVariable.Tokens];
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data) => [[0.0]];

    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        var n = data.Values(ScaleVariable.Parameters);
        var d = data.Values(ScaleVariable.Tokens);
        for (int i = 0; i < data.Count; i++)
        {
            logPrediction[i] = theta[0] + Math.Log(1 + 1 / n[i] + 1 / d[i]);
            if (!jacobian.IsEmpty) jacobian[i] = 1;
        }
    }
}
