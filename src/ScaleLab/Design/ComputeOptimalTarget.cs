using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Planning;

namespace ScaleLab.Design;

/// <summary>
/// One quantity at a target compute C, from the compute-optimal allocation of <see cref="ComputeOptimalPlanner"/>
/// (Hoffmann et al. 2022 eq. 1: argmin L(N, D) subject to 6ND = C): the loss there, N_opt or D_opt.
/// Gradients: for the loss, the envelope theorem (at the optimum ∂L*/∂θ = ∂L/∂θ at fixed N_opt, D_opt, as
/// the allocation's own derivative is multiplied by a zero gradient); for N_opt and D_opt, central
/// differences of the planner in θ.
/// </summary>
public sealed class ComputeOptimalTarget : DesignTarget
{
    private const double RelativeStep = 1e-4;

    /// <summary>The target at compute <paramref name="compute"/> (FLOPs, C = 6ND) for a law of N and D.</summary>
    public ComputeOptimalTarget(ScalingLaw law, double compute, TargetQuantity quantity)
    {
        if (!law.Variables.Contains(ScaleVariable.Parameters) || !law.Variables.Contains(ScaleVariable.Tokens))
        {
            throw new ArgumentException($"law '{law.Name}' does not depend on both N and D: a compute-optimal target needs a law it can allocate compute with");
        }
        ScaleLab.Quantities.Quantity.RequirePositive(compute, "target compute");
        Compute = compute;
        Target = quantity;
    }

    /// <summary>The target compute C.</summary>
    public double Compute { get; }

    /// <summary>Which quantity.</summary>
    public TargetQuantity Target { get; }

    /// <inheritdoc />
    public override int Count => 1;

    /// <inheritdoc />
    public override string Quantity => Name(Target);

    /// <summary>The command-line name of a quantity: <c>loss</c>, <c>N_opt</c>, <c>D_opt</c>.</summary>
    public static string Name(TargetQuantity quantity) => quantity switch
    {
        TargetQuantity.Loss => "loss",
        TargetQuantity.OptimalParameters => "N_opt",
        _ => "D_opt",
    };

    /// <summary>Reads <c>loss</c>, <c>N_opt</c> or <c>D_opt</c> (ignoring case); an <see cref="ArgumentException"/> otherwise.</summary>
    public static TargetQuantity ParseQuantity(string text) => text.Trim().ToLowerInvariant() switch
    {
        "loss" => TargetQuantity.Loss,
        "n_opt" or "nopt" or "n*" => TargetQuantity.OptimalParameters,
        "d_opt" or "dopt" or "d*" => TargetQuantity.OptimalTokens,
        _ => throw new ArgumentException($"--quantity: unknown quantity '{text}' (use loss, N_opt or D_opt)"),
    };

    /// <inheritdoc />
    public override IReadOnlyList<(ScaleVariable Variable, double Value)> Variables(int index) => [(ScaleVariable.Compute, Compute)];

    /// <inheritdoc />
    public override void Evaluate(ScalingLaw law, ReadOnlySpan<double> theta, Span<double> values) => values[0] = Value(law, theta, out _, out _);

    /// <inheritdoc />
    public override void Gradient(ScalingLaw law, ReadOnlySpan<double> theta, Span<double> values, Span<double> gradient)
    {
        values[0] = Value(law, theta, out var n, out var d);
        int p = theta.Length;
        if (!double.IsFinite(values[0]))
        {
            gradient[..p].Fill(double.NaN);
            return;
        }
        if (Target == TargetQuantity.Loss)
        {
            var at = ScalingData.Point(n, d, 6 * n * d, d);
            Span<double> log = stackalloc double[1];
            law.EvaluateLog(theta, at, log, gradient[..p]);
            return;
        }
        var shifted = theta.ToArray();
        for (int j = 0; j < p; j++)
        {
            double h = RelativeStep * (1 + Math.Abs(theta[j]));
            shifted[j] = theta[j] + h;
            double up = Value(law, shifted, out _, out _);
            shifted[j] = theta[j] - h;
            double down = Value(law, shifted, out _, out _);
            shifted[j] = theta[j];
            gradient[j] = (up - down) / (2 * h);
        }
    }

    private double Value(ScalingLaw law, ReadOnlySpan<double> theta, out double n, out double d)
    {
        n = d = double.NaN;
        Plan plan;
        try
        {
            plan = ComputeOptimalPlanner.ForCompute(new PlanningLaw(law, law.ToNamed(theta)), Compute);
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
        if (plan.Status == PlanStatus.Failed) return double.NaN;
        n = plan.Parameters;
        d = plan.Tokens;
        return Math.Log(Target switch
        {
            TargetQuantity.Loss => plan.Loss,
            TargetQuantity.OptimalParameters => n,
            _ => d,
        });
    }
}
