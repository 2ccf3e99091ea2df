using System.Numerics.Tensors;
using ScaleLab.Data;

namespace ScaleLab.Laws;

/// <summary>
/// Broken neural scaling law with k breaks in one scale variable (Caballero, Gupta, Rish, Krueger,
/// "Broken Neural Scaling Laws", ICLR 2023, arXiv:2210.14891, eq. 1):
/// <code>y = a + (b·x^(−c0)) · Π_{i=1..k} (1 + (x/d_i)^(1/f_i))^(−c_i·f_i)</code>
/// a is the limit as x → ∞, −c0 the log–log slope of y − a before the first break, c_i the change of
/// slope at break i, d_i its location (x units) and f_i &gt; 0 its sharpness (smaller is sharper).
/// k = 0 is the power law with a floor.
/// Parameterisation: θ = (ln a, ln b, c0, c1..ck, ln d1..ln dk, ln f1..ln fk), so a, b, d_i, f_i stay
/// positive; with z_i = (ln x − ln d_i)/f_i and softplus sp(z) = ln(1 + e^z),
/// ln y = LSE(ln a, ln b − c0·ln x − Σ c_i·f_i·sp(z_i)), stable for arbitrarily sharp breaks.
/// Fitted by default with least squares on log residuals; the paper's own scripts minimise the
/// squared error of log(y + 1) (available as the squared-log1p objective).
/// Default starts: as in the paper (a brute-force grid, then a local fit from its best points), the
/// grid a ∈ {0.001, 0.2, 0.4, 0.6, 0.8, 0.9}·min y, c0 ∈ {0, 0.05, 0.15, 0.3, 0.6} and per break
/// c ∈ {−0.5, 0.25, 1, 3, 6}, d on 10 log-spaced points from min x to 4·max x, f ∈ {0.05, 0.15, 0.5,
/// 1.5}, with b set to match the mean log of y − a, is screened by the sum of squared log residuals
/// on up to 64 evenly spaced points; the 48 best grid points are the starts. One break screens the
/// whole grid (6000 points); more breaks screen 20,000 grid points drawn with a fixed seed, with the
/// d_i increasing.
/// </summary>
public sealed class BrokenPowerLaw : ScalingLaw
{
    private const int StartCount = 48;
    private const int ScreenPoints = 64;
    private const int SampledCombinations = 20_000;
    private static readonly double[] FloorFractions = [0.001, 0.2, 0.4, 0.6, 0.8, 0.9];
    private static readonly double[] FirstSlopes = [0, 0.05, 0.15, 0.3, 0.6];
    private static readonly double[] SlopeChanges = [-0.5, 0.25, 1, 3, 6];
    private static readonly double[] Sharpness = [0.05, 0.15, 0.5, 1.5];
    private const int BreakLocations = 10;

    private readonly LawParameter[] _parameters;

    /// <summary>A BNSL with <paramref name="breaks"/> breaks in <paramref name="variable"/>.</summary>
    public BrokenPowerLaw(ScaleVariable variable, int breaks = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(breaks);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(breaks, 8);
        Variable = variable;
        Breaks = breaks;
        Variables = [variable];
        var list = new List<LawParameter>
        {
            LawParameter.Scale("a", "limit as x grows (irreducible value)"),
            LawParameter.Scale("b", "offset of the first segment"),
            LawParameter.Plain("c0", "minus the log-log slope of the first segment"),
        };
        for (int i = 1; i <= breaks; i++) list.Add(LawParameter.Plain($"c{i}", $"change of slope at break {i}"));
        for (int i = 1; i <= breaks; i++) list.Add(LawParameter.Scale($"d{i}", $"location of break {i} (x units)"));
        for (int i = 1; i <= breaks; i++) list.Add(LawParameter.Scale($"f{i}", $"sharpness of break {i} (smaller is sharper)"));
        _parameters = [.. list];
    }

    /// <summary>The scale variable x.</summary>
    public ScaleVariable Variable { get; }

    /// <summary>Number of breaks k.</summary>
    public int Breaks { get; }

    /// <inheritdoc />
    public override string Name => "bnsl" + (Variable == ScaleVariable.Tokens ? "" : "-" + VariableNames.Suffix(Variable)) + (Breaks == 1 ? "" : $":{Breaks}");

    /// <inheritdoc />
    public override string Formula
    {
        get
        {
            var x = VariableNames.Symbol(Variable);
            return Breaks switch
            {
                0 => $"y = a + b*{x}^(-c0)",
                1 => $"y = a + b*{x}^(-c0) * (1 + ({x}/d1)^(1/f1))^(-c1*f1)",
                _ => $"y = a + b*{x}^(-c0) * prod_i=1..{Breaks} (1 + ({x}/d_i)^(1/f_i))^(-c_i*f_i)",
            };
        }
    }

    /// <inheritdoc />
    public override string Reference => "Caballero et al. 2023, arXiv:2210.14891, eq. 1";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => _parameters;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; }

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        int n = data.Count, k = Breaks, p = 3 + 3 * k;
        var logX = data.Logs(Variable);
        using var scratch = jacobian.IsEmpty ? LawScratch.Rent(p, n) : default;
        // Jacobian rows (or pooled rows) hold the per-break terms until they become derivatives.
        var rows = jacobian.IsEmpty ? scratch.Rows(p) : jacobian;
        double logA = theta[0], logB = theta[1], c0 = theta[2];

        // g = ln b − c0·ln x − Σ c_i f_i sp(z_i), accumulated in logPrediction.
        TensorPrimitives.Multiply(logX, -c0, logPrediction);
        TensorPrimitives.Add(logPrediction, logB, logPrediction);
        for (int i = 0; i < k; i++)
        {
            double c = theta[3 + i], logD = theta[3 + k + i], f = Math.Exp(theta[3 + 2 * k + i]);
            Span<double> rc = rows.Slice((3 + i) * n, n), rd = rows.Slice((3 + k + i) * n, n), rf = rows.Slice((3 + 2 * k + i) * n, n);
            TensorPrimitives.Subtract(logX, logD, rf);
            TensorPrimitives.Multiply(rf, 1 / f, rf);                  // z
            TensorPrimitives.Abs(rf, rc);
            TensorPrimitives.Negate(rc, rc);
            TensorPrimitives.Exp(rc, rc);
            TensorPrimitives.LogP1(rc, rc);
            TensorPrimitives.Max(rf, 0.0, rd);
            TensorPrimitives.Add(rc, rd, rc);                          // sp(z) = max(z, 0) + ln(1 + e^−|z|)
            TensorPrimitives.Subtract(rf, rc, rd);
            TensorPrimitives.Exp(rd, rd);                              // σ(z) = e^(z − sp(z))
            TensorPrimitives.Multiply(rf, rd, rf);
            TensorPrimitives.Subtract(rc, rf, rf);                     // sp(z) − z·σ(z)
            TensorPrimitives.MultiplyAdd(rc, -c * f, logPrediction, logPrediction);
        }

        // ln y = LSE(ln a, g) with weights w_a = a/y, w_g = 1 − w_a.
        Span<double> wA = rows.Slice(0, n), wG = rows.Slice(n, n);
        TensorPrimitives.Max(logPrediction, logA, wA);                  // m
        TensorPrimitives.Subtract(logPrediction, wA, wG);
        TensorPrimitives.Exp(wG, wG);                                   // e^(g − m)
        TensorPrimitives.Subtract(logA, wA, logPrediction);
        TensorPrimitives.Exp(logPrediction, logPrediction);             // e^(ln a − m)
        TensorPrimitives.Add(logPrediction, wG, logPrediction);         // S'
        TensorPrimitives.Divide(wG, logPrediction, wG);
        TensorPrimitives.Log(logPrediction, logPrediction);
        TensorPrimitives.Add(logPrediction, wA, logPrediction);
        TensorPrimitives.Subtract(1.0, wG, wA);
        if (jacobian.IsEmpty) return;

        // ∂/∂c0 = −w_g ln x; ∂/∂c_i = −w_g f_i sp(z_i); ∂/∂ln d_i = w_g c_i σ(z_i);
        // ∂/∂ln f_i = −w_g c_i f_i (sp(z_i) − z_i σ(z_i)).
        var dc0 = rows.Slice(2 * n, n);
        TensorPrimitives.Multiply(logX, wG, dc0);
        TensorPrimitives.Negate(dc0, dc0);
        for (int i = 0; i < k; i++)
        {
            double c = theta[3 + i], f = Math.Exp(theta[3 + 2 * k + i]);
            Span<double> rc = rows.Slice((3 + i) * n, n), rd = rows.Slice((3 + k + i) * n, n), rf = rows.Slice((3 + 2 * k + i) * n, n);
            TensorPrimitives.Multiply(rc, wG, rc);
            TensorPrimitives.Multiply(rc, -f, rc);
            TensorPrimitives.Multiply(rd, wG, rd);
            TensorPrimitives.Multiply(rd, c, rd);
            TensorPrimitives.Multiply(rf, wG, rf);
            TensorPrimitives.Multiply(rf, -c * f, rf);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        int n = data.Count, k = Breaks;
        if (n == 0) throw new ArgumentException("no data to place starting points");
        // Screen on up to 64 evenly spaced points: the grid only has to rank candidates.
        int m = Math.Min(n, ScreenPoints);
        var logX = new double[m];
        var y = new double[m];
        var all = data.Logs(Variable);
        for (int i = 0; i < m; i++)
        {
            int src = m == 1 ? 0 : (int)Math.Round((double)i * (n - 1) / (m - 1));
            logX[i] = all[src];
            y[i] = data.Y[src];
        }
        double minY = y.Min(), lo = logX.Min(), hi = logX.Max() + Math.Log(4);
        if (!(minY > 0)) minY = 1;
        var locations = new double[BreakLocations];
        for (int i = 0; i < BreakLocations; i++) locations[i] = lo + (hi - lo) * i / (BreakLocations - 1);

        var best = new List<(double Score, double[] Theta)>();
        var logH = new double[m];
        var logYMinusA = new double[m];
        var combination = new int[3 * k];
        void Screen(double c0)
        {
            // ln h = −c0 ln x − Σ c f sp(z) for the current break combination.
            for (int i = 0; i < m; i++)
            {
                double s = -c0 * logX[i];
                for (int j = 0; j < k; j++)
                {
                    double c = SlopeChanges[combination[3 * j]], f = Sharpness[combination[3 * j + 2]];
                    double z = (logX[i] - locations[combination[3 * j + 1]]) / f;
                    s -= c * f * (Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))));
                }
                logH[i] = s;
            }
            foreach (var fraction in FloorFractions)
            {
                double a = fraction * minY, logA = Math.Log(a), sum = 0;
                for (int i = 0; i < m; i++) { logYMinusA[i] = Math.Log(y[i] - a); sum += logYMinusA[i] - logH[i]; }
                double logB = sum / m, score = 0;
                for (int i = 0; i < m; i++)
                {
                    double g = logB + logH[i];
                    double mx = Math.Max(g, logA);
                    double r = mx + Math.Log(Math.Exp(g - mx) + Math.Exp(logA - mx)) - Math.Log(y[i]);
                    score += r * r;
                }
                if (!double.IsFinite(score)) continue;
                if (best.Count == StartCount && score >= best[^1].Score) continue;
                var theta = new double[3 + 3 * k];
                theta[0] = logA;
                theta[1] = logB;
                theta[2] = c0;
                for (int j = 0; j < k; j++)
                {
                    theta[3 + j] = SlopeChanges[combination[3 * j]];
                    theta[3 + k + j] = locations[combination[3 * j + 1]];
                    theta[3 + 2 * k + j] = Math.Log(Sharpness[combination[3 * j + 2]]);
                }
                int at = best.FindIndex(e => e.Score > score);
                best.Insert(at < 0 ? best.Count : at, (score, theta));
                if (best.Count > StartCount) best.RemoveAt(best.Count - 1);
            }
        }

        if (k <= 1)
        {
            foreach (var c0 in FirstSlopes)
            {
                if (k == 0) { Screen(c0); continue; }
                for (int c = 0; c < SlopeChanges.Length; c++)
                for (int d = 0; d < BreakLocations; d++)
                for (int f = 0; f < Sharpness.Length; f++)
                {
                    combination[0] = c; combination[1] = d; combination[2] = f;
                    Screen(c0);
                }
            }
        }
        else
        {
            // Fixed seed: the starts, and so the fit, are the same on every run.
            var random = new Random(20230501);
            var sortedD = new int[k];
            for (int s = 0; s < SampledCombinations; s++)
            {
                for (int j = 0; j < k; j++) sortedD[j] = random.Next(BreakLocations);
                Array.Sort(sortedD);
                for (int j = 0; j < k; j++)
                {
                    combination[3 * j] = random.Next(SlopeChanges.Length);
                    combination[3 * j + 1] = sortedD[j];
                    combination[3 * j + 2] = random.Next(Sharpness.Length);
                }
                Screen(FirstSlopes[random.Next(FirstSlopes.Length)]);
            }
        }
        return best.Select(e => e.Theta).ToArray();
    }
}
