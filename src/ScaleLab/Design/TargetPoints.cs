using ScaleLab.Data;
using ScaleLab.Laws;

namespace ScaleLab.Design;

/// <summary>The law's prediction at target points (a metric given with them is ignored): q_t = ŷ(x_t).</summary>
public sealed class TargetPoints : DesignTarget
{
    private readonly ScalingData _data;
    private readonly IReadOnlyList<ScaleVariable> _variables;

    /// <summary>Targets at <paramref name="points"/>, described by the <paramref name="variables"/> the law reads.</summary>
    public TargetPoints(IReadOnlyList<Observation> points, IReadOnlyList<ScaleVariable> variables)
    {
        if (points.Count == 0) throw new ArgumentException("the target has no points");
        Points = points;
        _variables = variables;
        _data = ScalingData.From(points);
    }

    /// <summary>The target points.</summary>
    public IReadOnlyList<Observation> Points { get; }

    /// <inheritdoc />
    public override int Count => Points.Count;

    /// <inheritdoc />
    public override string Quantity => "loss";

    /// <inheritdoc />
    public override IReadOnlyList<(ScaleVariable Variable, double Value)> Variables(int index) =>
        _variables.Select(v => (v, Points[index].Get(v))).ToArray();

    /// <inheritdoc />
    public override void Evaluate(ScalingLaw law, ReadOnlySpan<double> theta, Span<double> values) =>
        law.EvaluateLog(theta, _data, values, Span<double>.Empty);

    /// <inheritdoc />
    public override void Gradient(ScalingLaw law, ReadOnlySpan<double> theta, Span<double> values, Span<double> gradient) =>
        law.EvaluateLog(theta, _data, values, gradient);
}
