using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// Unified scaling law of routed (mixture-of-experts) language models (Clark et al. 2022, "Unified Scaling Laws
/// for Routed Language Models", arXiv:2202.01169, eqs. 7–8 and Table 3), in base-10 logarithms with N the parameters
/// seen per token (the dense model routed) and E the number of experts:
/// <code>log L = a·log N + b·log Ê + c·log N·log Ê + d,   1/Ê = 1/(E − 1 + (1/E_start − 1/E_max)^(−1)) + 1/E_max</code>
/// Ê saturates at E_max and grows like E − 1 + E_start for few experts. Slopes are affine in the other input
/// (−∂log L/∂log N = −(a + c·log Ê)); routing stops helping at N_cutoff = 10^(−b/c) (<see cref="Cutoff"/>), and
/// <see cref="EffectiveParameterCount"/> maps a routed model to the dense size of equal loss.
/// Parameterisation: θ = (a, b, c, d, ln E_start, ln E_max); ln L = ln 10·(a·lg N + b·lg Ê + c·lg N·lg Ê + d).
/// E_max must exceed E_start (else the prediction is NaN and the optimizer backs off).
/// Fitted by least squares on log residuals (the base of the log only rescales the objective).
/// Default starts: Table 3's three routers, and a ∈ {−0.05, −0.08, −0.12}, b ∈ {−0.05, −0.1, −0.2}, c ∈ {0, 0.01},
/// E_start ∈ {1.5, 3}, E_max ∈ {100, 500} with d through the mean of the data.
/// Published fits (Table 3, N in raw parameters): S-BASE a = −0.082, b = −0.108, c = 0.009, d = 1.104,
/// E_start = 1.847, E_max = 314.478; RL-R −0.083, −0.126, 0.012, 1.111, 1.880, 469.982;
/// HASH −0.087, −0.136, 0.012, 1.157, 4.175, 477.741 (<see cref="Table3"/>).
/// </summary>
public sealed class ClarkRoutedLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static ClarkRoutedLaw Instance { get; } = new();

    private const double Ln10 = 2.302585092994045684;

    private static readonly LawParameter[] Params =
    [
        LawParameter.Plain("a", "slope of log L in log N where log Ê = 0"),
        LawParameter.Plain("b", "slope of log L in log Ê"),
        LawParameter.Plain("c", "interaction of log N and log Ê"),
        LawParameter.Plain("d", "log L at N = 1, Ê = 1"),
        LawParameter.Scale("E_start", "where the expert transform starts to grow") with { Lower = 1 },
        LawParameter.Scale("E_max", "where the expert transform saturates"),
    ];

    private ClarkRoutedLaw()
    {
    }

    /// <summary>Table 3's fit for a router: <c>s-base</c>, <c>rl-r</c> or <c>hash</c> (ignoring case).</summary>
    public static IReadOnlyDictionary<string, double> Table3(string router) => router.Trim().ToLowerInvariant() switch
    {
        "s-base" => Named(-0.082, -0.108, 0.009, 1.104, 1.847, 314.478),
        "rl-r" => Named(-0.083, -0.126, 0.012, 1.111, 1.880, 469.982),
        "hash" => Named(-0.087, -0.136, 0.012, 1.157, 4.175, 477.741),
        _ => throw new ArgumentException($"unknown router '{router}' (Table 3 has s-base, rl-r and hash)"),
    };

    private static Dictionary<string, double> Named(double a, double b, double c, double d, double start, double max) => new()
    {
        ["a"] = a, ["b"] = b, ["c"] = c, ["d"] = d, ["E_start"] = start, ["E_max"] = max,
    };

    /// <summary>The saturating expert count Ê(E); NaN unless 0 &lt; E_start &lt; E_max.</summary>
    public static double EffectiveExperts(double experts, double start, double max)
    {
        double gap = 1 / start - 1 / max;
        if (!(gap > 0)) return double.NaN;
        return 1 / (1 / (experts - 1 + 1 / gap) + 1 / max);
    }

    /// <summary>The size N_cutoff = 10^(−b/c) beyond which more experts no longer lower the loss (∂log L/∂log Ê = b + c·log N = 0).</summary>
    public static double Cutoff(double b, double c) => Math.Pow(10, -b / c);

    /// <summary>
    /// The effective parameter count N̄(N, E): the size of the model with one expert whose loss under the same law
    /// equals the routed model's, from a·lg N̄ + b·lg Ê₁ + c·lg N̄·lg Ê₁ = a·lg N + b·lg Ê + c·lg N·lg Ê with Ê₁ = Ê(1).
    /// Along N̄ every router scales as one power law, with exponent −(a + c·lg Ê₁).
    /// </summary>
    public static double EffectiveParameterCount(IReadOnlyDictionary<string, double> parameters, double denseParameters, double experts)
    {
        double a = parameters["a"], b = parameters["b"], c = parameters["c"], start = parameters["E_start"], max = parameters["E_max"];
        double lgE = Math.Log10(EffectiveExperts(experts, start, max)), lgE1 = Math.Log10(EffectiveExperts(1, start, max)), lgN = Math.Log10(denseParameters);
        return Math.Pow(10, ((a + c * lgE) * lgN + b * (lgE - lgE1)) / (a + c * lgE1));
    }

    /// <inheritdoc />
    public override string Name => "clark-routed";

    /// <inheritdoc />
    public override string Formula => "log10 L = a*log10 N + b*log10 Ê + c*log10 N*log10 Ê + d, 1/Ê = 1/(E - 1 + (1/E_start - 1/E_max)^-1) + 1/E_max";

    /// <inheritdoc />
    public override string Reference => "Clark et al. 2022, arXiv:2202.01169, Table 3";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Parameters, VariableNames.Experts];

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Loss;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => FitObjective.SquaredLog;

    /// <inheritdoc />
    public override string DescribeVariable(ScaleVariable variable) => variable == ScaleVariable.Parameters
        ? "N: parameters seen per token, the dense model routed (column N, params, ... or --params)"
        : VariableNames.Describe(variable);

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double a = theta[0], b = theta[1], c = theta[2], d = theta[3], start = Math.Exp(theta[4]), max = Math.Exp(theta[5]);
        var logN = data.Logs(ScaleVariable.Parameters);
        var experts = data.Values(VariableNames.Experts);
        int n = data.Count;
        bool withJacobian = !jacobian.IsEmpty;
        double gap = 1 / start - 1 / max;
        if (!(gap > 0))
        {
            logPrediction.Fill(double.NaN);
            if (withJacobian) jacobian.Fill(double.NaN);
            return;
        }
        for (int i = 0; i < n; i++)
        {
            double r = experts[i] - 1 + 1 / gap;
            double inverse = 1 / r + 1 / max;              // 1/Ê
            double logE = -Math.Log(inverse), lgN = logN[i] / Ln10, lgE = logE / Ln10;
            logPrediction[i] = Ln10 * (a * lgN + b * lgE + c * lgN * lgE + d);
            if (!withJacobian) continue;
            // ∂ln Ê/∂ln E_x = −Ê·∂(1/Ê)/∂ln E_x, with ∂(1/Ê)/∂ln E_start = −1/(r² gap² E_start) and
            // ∂(1/Ê)/∂ln E_max = 1/(r² gap² E_max) − 1/E_max.
            double e = 1 / inverse, rg = r * gap, slope = b + c * lgN;
            jacobian[i] = logN[i];
            jacobian[n + i] = logE;
            jacobian[2 * n + i] = logN[i] * lgE;
            jacobian[3 * n + i] = Ln10;
            jacobian[4 * n + i] = slope * e / (rg * rg * start);
            jacobian[5 * n + i] = -slope * e * (1 / (rg * rg * max) - 1 / max);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var logN = data.Logs(ScaleVariable.Parameters);
        var experts = data.Values(VariableNames.Experts);
        var starts = new List<double[]>();
        foreach (var router in new[] { "s-base", "rl-r", "hash" }) starts.Add(FromNamed(Table3(router)));
        foreach (var a in new[] { -0.05, -0.08, -0.12 })
        foreach (var b in new[] { -0.05, -0.1, -0.2 })
        foreach (var c in new[] { 0.0, 0.01 })
        foreach (var start in new[] { 1.5, 3.0 })
        foreach (var max in new[] { 100.0, 500.0 })
        {
            double sum = 0;
            for (int i = 0; i < data.Count; i++)
            {
                double lgN = logN[i] / Ln10, lgE = Math.Log10(EffectiveExperts(experts[i], start, max));
                sum += data.LogY[i] / Ln10 - a * lgN - b * lgE - c * lgN * lgE;
            }
            starts.Add([a, b, c, sum / data.Count, Math.Log(start), Math.Log(max)]);
        }
        return starts;
    }
}
