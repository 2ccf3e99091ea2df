using System.Numerics.Tensors;
using ScaleLab.Data;
using ScaleLab.Numerics;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// Scaling laws of autoregressive generative models across modalities (Henighan et al. 2020, "Scaling Laws for
/// Autoregressive Generative Modeling", arXiv:2010.14701): per modality, in model size, data or compute,
/// <code>L(x) = L_inf + (x0/x)^alpha</code>
/// The loss is a cross-entropy, so L_inf estimates the entropy of the true distribution and the reducible loss
/// (x0/x)^alpha the KL divergence from it to the model, in nats per token. Across modalities the compute-optimal
/// model size grows as N_opt ∝ C^≈0.7 (<see cref="FitOptimalSize"/>).
/// Parameterisation: θ = (ln L_inf, ln x0, alpha), ln L = LSE(ln L_inf, alpha·(ln x0 − ln x)), evaluated as
/// <see cref="PowerLawWithFloor"/> with A = x0^alpha (one evaluation of the form).
/// Fitted by least squares on log residuals.
/// Default starts: L_inf ∈ {0.5, 0.8, 0.9, 0.95, 0.99}·min L, alpha ∈ {0.05, 0.1, 0.3, 0.6}, x0 matching the mean log reducible loss.
/// </summary>
public sealed class HenighanLaw : ScalingLaw
{
    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("L_inf", "irreducible loss (entropy of the data)"),
        LawParameter.Scale("x0", "scale at which the reducible loss is 1 nat"),
        LawParameter.Plain("alpha", "exponent of the reducible loss") with { Lower = 0 },
    ];

    /// <summary>The law in <paramref name="variable"/> (N, D or C).</summary>
    public HenighanLaw(ScaleVariable variable)
    {
        if (variable == ScaleVariable.UniqueTokens || !variable.IsWellKnown) throw new ArgumentException("Henighan et al.'s laws are in N, D or C", nameof(variable));
        Variable = variable;
        Variables = [variable];
        _form = new PowerLawWithFloor(variable);
    }

    private readonly PowerLawWithFloor _form;

    /// <summary>The scale variable x.</summary>
    public ScaleVariable Variable { get; }

    /// <summary>
    /// The compute-optimal model size against compute, N_opt = K·C^exponent, fitted by least squares in log-log
    /// space to (C, N_opt) pairs read off the frontier (the paper finds exponents near 0.7 for every modality).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two pairs, or a value that is not positive.</exception>
    public static (double Coefficient, double Exponent) FitOptimalSize(IReadOnlyList<(double Compute, double Parameters)> frontier)
    {
        if (frontier.Count < 2 || frontier.Any(p => !(p.Compute > 0) || !(p.Parameters > 0))) throw new ArgumentException("need two or more positive (C, N_opt) pairs");
        var (slope, intercept, _, _, _) = LinearFit.Of(frontier.Select(p => Math.Log(p.Compute)).ToArray(), frontier.Select(p => Math.Log(p.Parameters)).ToArray());
        if (!double.IsFinite(slope)) throw new ArgumentException("the compute values do not vary");
        return (Math.Exp(intercept), slope);
    }

    /// <inheritdoc />
    public override string Name => Variable == ScaleVariable.Compute ? "henighan" : "henighan-" + VariableNames.Suffix(Variable);

    /// <inheritdoc />
    public override string Formula
    {
        get
        {
            var x = VariableNames.Symbol(Variable);
            return $"L = L_inf + ({x}0/{x})^alpha";
        }
    }

    /// <inheritdoc />
    public override string Reference => "Henighan et al. 2020, arXiv:2010.14701";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; }

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Loss;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => FitObjective.SquaredLog;

    /// <inheritdoc />
    /// <remarks>
    /// The law is <see cref="PowerLawWithFloor"/> with A = x0^alpha: it is evaluated there at θ' = (ln L_inf, alpha·ln x0, alpha)
    /// and its Jacobian rows mapped back, ∂/∂ln x0 = alpha·∂/∂ln A and ∂/∂alpha = ∂/∂alpha' + ln x0·∂/∂ln A.
    /// </remarks>
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double logX0 = theta[1], alpha = theta[2];
        Span<double> floorForm = [theta[0], alpha * logX0, alpha];
        _form.EvaluateLog(floorForm, data, logPrediction, jacobian);
        if (jacobian.IsEmpty) return;
        int n = data.Count;
        var dScale = jacobian.Slice(n, n);
        var dAlpha = jacobian.Slice(2 * n, n);
        TensorPrimitives.MultiplyAdd(dScale, logX0, dAlpha, dAlpha);
        TensorPrimitives.Multiply(dScale, alpha, dScale);
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var logX = data.Logs(Variable);
        double minY = data.Y.Min(), meanLogX = logX.ToArray().Average();
        var starts = new List<double[]>();
        foreach (var floorShare in new[] { 0.5, 0.8, 0.9, 0.95, 0.99 })
        foreach (var alpha in new[] { 0.05, 0.1, 0.3, 0.6 })
        {
            double floor = floorShare * minY, sum = 0;
            for (int i = 0; i < data.Count; i++) sum += Math.Log(data.Y[i] - floor);
            starts.Add([Math.Log(floor), meanLogX + sum / data.Count / alpha, alpha]);
        }
        return starts;
    }
}
