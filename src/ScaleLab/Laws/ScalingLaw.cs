using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// A parametric scaling law. Each law is one sealed class in one file whose header states the
/// formula, the parameterisation the optimizer uses, the default start grid and the paper.
/// </summary>
/// <remarks>
/// Laws work on internal coordinates θ (see <see cref="LawParameter.Transform"/>) and produce the
/// natural log of the prediction, so that log-space objectives (the field's default) need no extra
/// transcendental per point; linear-space objectives exponentiate.
/// </remarks>
public abstract class ScalingLaw
{
    /// <summary>Short name used on the command line and in JSON (e.g. <c>chinchilla</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The formula in published notation.</summary>
    public abstract string Formula { get; }

    /// <summary>The paper the law comes from.</summary>
    public abstract string Reference { get; }

    /// <summary>Parameters in the order of θ.</summary>
    public abstract IReadOnlyList<LawParameter> Parameters { get; }

    /// <summary>The scale variables the law reads.</summary>
    public abstract IReadOnlyList<ScaleVariable> Variables { get; }

    /// <summary>
    /// The metric the law is stated over, into which <c>--metric-kind</c> converts the data (error = 1 − accuracy
    /// for a law of errors, ln PPL for a law of losses). Generic laws (power laws, BNSL, M1–M4) take any positive
    /// metric that falls with scale.
    /// </summary>
    public virtual MetricSpace Space => MetricSpace.Generic;

    /// <summary>The objective the law is fitted with unless the user chooses one (the paper's, where it states one).</summary>
    public virtual FitObjective DefaultObjective => FitObjective.Default;

    /// <summary>
    /// Whether the law's inputs are scales (sizes, counts, compute) whose spread in decades bounds how far the law can
    /// be trusted; false for a link from a loss to a downstream metric, whose input is a loss and not a scale.
    /// </summary>
    public virtual bool InputsAreScales => true;

    /// <summary>What <paramref name="variable"/> means to this law, with its unit and how to bind its column.</summary>
    public virtual string DescribeVariable(ScaleVariable variable) => VariableNames.Describe(variable);

    /// <summary>
    /// Writes ln ŷ for every point into <paramref name="logPrediction"/> and, when
    /// <paramref name="jacobian"/> is not empty, ∂ln ŷ_i/∂θ_j into <c>jacobian[j * n + i]</c>.
    /// Non-finite outputs are allowed (the optimizer backs off); exceptions are not.
    /// </summary>
    public abstract void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian);

    /// <summary>
    /// Optional fused fast path: the objective Σρ(r_i) and its gradient with respect to θ in one pass
    /// over the points. Returns false when the law has no fused kernel for this objective or this
    /// processor; the fitter then uses <see cref="EvaluateLog"/>. A fused kernel must agree with the
    /// general path to rounding (tested).
    /// </summary>
    public virtual bool TryEvaluateObjective(ReadOnlySpan<double> theta, ScalingData data, FitObjective objective, Span<double> gradient, out double value)
    {
        value = double.NaN;
        return false;
    }

    /// <summary>The documented default multistart grid in internal coordinates.</summary>
    public abstract IReadOnlyList<double[]> DefaultStarts(ScalingData data);

    /// <summary>Published-name → value map from internal coordinates.</summary>
    public IReadOnlyDictionary<string, double> ToNamed(ReadOnlySpan<double> theta)
    {
        var result = new Dictionary<string, double>(Parameters.Count, StringComparer.Ordinal);
        for (int j = 0; j < Parameters.Count; j++) result[Parameters[j].Name] = Parameters[j].FromInternal(theta[j]);
        return result;
    }

    /// <summary>Internal coordinates from published values; every parameter must be present.</summary>
    public double[] FromNamed(IReadOnlyDictionary<string, double> values)
    {
        var theta = new double[Parameters.Count];
        for (int j = 0; j < Parameters.Count; j++)
        {
            var p = Parameters[j];
            if (!TryGetIgnoreCase(values, p.Name, out var v))
            {
                throw new ArgumentException($"law '{Name}' needs parameter '{p.Name}' (has: {string.Join(", ", Parameters.Select(x => x.Name))}).");
            }
            theta[j] = p.ToInternal(v);
        }
        return theta;
    }

    /// <summary>Index of a parameter by published name (case-sensitive first, then case-insensitive), or −1.</summary>
    public int IndexOf(string name)
    {
        for (int j = 0; j < Parameters.Count; j++) if (Parameters[j].Name == name) return j;
        for (int j = 0; j < Parameters.Count; j++) if (string.Equals(Parameters[j].Name, name, StringComparison.OrdinalIgnoreCase)) return j;
        return -1;
    }

    /// <summary>Predictions ŷ (not logs) at every point of <paramref name="data"/>.</summary>
    public double[] Predict(ReadOnlySpan<double> theta, ScalingData data)
    {
        var result = new double[data.Count];
        EvaluateLog(theta, data, result, Span<double>.Empty);
        for (int i = 0; i < result.Length; i++) result[i] = Math.Exp(result[i]);
        return result;
    }

    /// <summary>Prediction at one point given by published parameter values.</summary>
    public double Predict(IReadOnlyDictionary<string, double> parameters, ScalingData point) => Predict(FromNamed(parameters), point)[0];

    private static bool TryGetIgnoreCase(IReadOnlyDictionary<string, double> values, string name, out double value)
    {
        if (values.TryGetValue(name, out value)) return true;
        foreach (var kv in values)
        {
            if (string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)) { value = kv.Value; return true; }
        }
        return false;
    }
}
