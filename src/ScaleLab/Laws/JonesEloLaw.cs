using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// Playing strength against training compute in board games (Jones 2021, "Scaling Scaling Laws with Board Games",
/// arXiv:2104.03113): Elo rises linearly in log compute (about 500 Elo per factor of 10 on Hex) and saturates at
/// perfect play. This is the paper's sigmoid frontier model, with Elo counted from its floor (random play):
/// <code>Elo(C) = Elo_max·σ(4·m·(log10 C − log10 C_half)/Elo_max)</code>
/// Elo_max is perfect play's rating above random play, C_half the compute that reaches half of it, and m the slope
/// in Elo per decade of compute there. The paper rates perfect play 0 and weaker agents below it: add the random
/// agent's rating back (Elo − Elo_random) before fitting. Elo ↔ win probability: <see cref="MetricConversions.WinProbability"/>.
/// Parameterisation: θ = (ln Elo_max, m, ln C_half); with z = 4m·(ln C − ln C_half)/(Elo_max·ln 10),
/// ln Elo = ln Elo_max − softplus(−z).
/// Fitted by least squares on the Elo itself (Elo is linear, not logarithmic, in log compute).
/// Default starts: Elo_max ∈ {1.2, 2, 4}·max Elo, m ∈ {100, 300, 1000}, C_half at the 25th, 50th and 75th percentile of
/// log C and two decades past the largest.
/// </summary>
public sealed class JonesEloLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static JonesEloLaw Instance { get; } = new();

    private const double Ln10 = 2.302585092994045684;

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("Elo_max", "perfect play's Elo above random play"),
        LawParameter.Plain("m", "Elo per factor of 10 in compute at C_half") with { Lower = 0 },
        LawParameter.Scale("C_half", "compute reaching half of perfect play's Elo"),
    ];

    private static readonly FitObjective LeastSquares = new() { Loss = LossKind.Squared, Space = ResidualSpace.Linear };

    private JonesEloLaw()
    {
    }

    /// <summary>
    /// The paper's train/test compute trade-off on 9×9 Hex: agents of equal Elo lie on
    /// log10 C_test = slope·log10 C_train + eloCoefficient·Elo + intercept, with Elo rated against perfect play
    /// (≤ 0); published slope −1.2, 0.004 per Elo point, intercept 29. Returns the test-time compute C_test.
    /// </summary>
    public static double TestCompute(double trainCompute, double elo, double slope = -1.2, double eloCoefficient = 0.004, double intercept = 29) =>
        Math.Pow(10, slope * Math.Log10(trainCompute) + eloCoefficient * elo + intercept);

    /// <summary>The training compute on the same iso-Elo line for a test-time compute (the inverse of <see cref="TestCompute"/>).</summary>
    public static double TrainCompute(double testCompute, double elo, double slope = -1.2, double eloCoefficient = 0.004, double intercept = 29) =>
        Math.Pow(10, (Math.Log10(testCompute) - eloCoefficient * elo - intercept) / slope);

    /// <inheritdoc />
    public override string Name => "jones-elo";

    /// <inheritdoc />
    public override string Formula => "Elo = Elo_max*sigmoid(4*m*(log10 C - log10 C_half)/Elo_max)";

    /// <inheritdoc />
    public override string Reference => "Jones 2021, arXiv:2104.03113";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Compute];

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Elo;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => LeastSquares;

    /// <inheritdoc />
    public override string DescribeVariable(ScaleVariable variable) => "C: training compute in FLOP (column C, flops, compute, ... or --compute)";

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double logMax = theta[0], m = theta[1], logHalf = theta[2], max = Math.Exp(logMax);
        var logC = data.Logs(ScaleVariable.Compute);
        int n = data.Count;
        bool withJacobian = !jacobian.IsEmpty;
        double scale = 4 / (max * Ln10);
        for (int i = 0; i < n; i++)
        {
            double distance = logC[i] - logHalf, z = scale * m * distance;
            // ln σ(z) = −softplus(−z); its derivative in z is σ(−z).
            logPrediction[i] = logMax - LogMath.Softplus(-z);
            if (!withJacobian) continue;
            double dz = LogMath.Sigmoid(-z);
            jacobian[i] = 1 - dz * z;
            jacobian[n + i] = dz * scale * distance;
            jacobian[2 * n + i] = -dz * scale * m;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var logC = data.Logs(ScaleVariable.Compute).ToArray();
        Array.Sort(logC);
        double maxY = data.Y.Max();
        if (!(maxY > 0)) maxY = 1;
        double Quantile(double p) => logC[(int)Math.Round(p * (logC.Length - 1))];
        var halves = new[] { Quantile(0.25), Quantile(0.5), Quantile(0.75), logC[^1] + 2 * Ln10 };
        var starts = new List<double[]>();
        foreach (var share in new[] { 1.2, 2.0, 4.0 })
        foreach (var m in new[] { 100.0, 300.0, 1000.0 })
        foreach (var half in halves)
        {
            starts.Add([Math.Log(share * maxY), m, half]);
        }
        return starts;
    }
}
