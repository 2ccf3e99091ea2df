using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Numerics;
using ScaleLab.Quantities;

namespace ScaleLab.Planning;

/// <summary>
/// Chinchilla Approach 2, IsoFLOP profiles (Hoffmann et al. 2022 §3.2): runs are
/// grouped by budget; per budget a parabola in ln N is fitted to the loss by least squares and its
/// vertex is N*(C); then ln N* and ln D* (= ln C/(6N*)) are regressed on ln C, giving a and b.
/// Known bias: a parabola fitted to an asymmetric valley (alpha ≠ beta) puts its
/// vertex off the true minimum, more so for wide or off-centre grids. This shifts the intercept
/// (−1.0% in N* for a ±8× grid in the test of it), not the slope, if every budget's grid is centred
/// the same way; grids centred differently across budgets bias the slope too. Each budget reports
/// its grid width and centring, and <see cref="EstimateBias"/> measures the bias under a fitted law.
/// </summary>
public static class IsoFlopAnalysis
{
    /// <summary>Runs whose compute agrees within this relative tolerance share a budget, unless they name their budget in a group column.</summary>
    public const double DefaultBudgetTolerance = 0.02;

    /// <summary>
    /// Analyses runs at several budgets (see <see cref="Group"/>). The <c>isoflop</c> command, the IsoFLOP plot and the
    /// report all read the budgets from here, so they group the same runs the same way.
    /// </summary>
    public static IsoFlopResult Analyse(IReadOnlyList<Observation> runs, double budgetTolerance = DefaultBudgetTolerance)
    {
        var groups = Group(runs, budgetTolerance);
        var budgets = groups.Select(g => Profile(g)).OrderBy(b => b.Compute).ToArray();
        return Regress(budgets);
    }

    /// <summary>
    /// For each budget, the relative error of the parabola vertex against the exact optimum that
    /// <paramref name="law"/> predicts, using the same sampled sizes and the law's noiseless losses:
    /// the part of approach 2's answer due to the parabola method alone.
    /// </summary>
    public static IReadOnlyList<(double Compute, double RelativeBias)> EstimateBias(IsoFlopResult result, PlanningLaw law)
    {
        var list = new List<(double, double)>();
        foreach (var b in result.Budgets.Where(x => x.Used))
        {
            var xs = b.SampledParameters.Select(n => Math.Log(n)).ToArray();
            var ys = b.SampledParameters.Select(n => law.Loss(n, b.Compute / (6 * n))).ToArray();
            var (p2, p1, _) = Quadratic(xs, ys);
            double vertex = Math.Exp(-p1 / (2 * p2));
            double truth = ComputeOptimalPlanner.ForCompute(law, b.Compute).Parameters;
            list.Add((b.Compute, vertex / truth - 1));
        }
        return list;
    }

    /// <summary>
    /// The budgets of an IsoFLOP study: the runs' <see cref="Observation.Group"/> when every run has one, otherwise
    /// runs in ascending compute, a new budget starting wherever the compute exceeds the budget's first by more than
    /// <paramref name="tolerance"/> (relative).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<Observation>> Group(IReadOnlyList<Observation> runs, double tolerance = DefaultBudgetTolerance)
    {
        if (!(tolerance >= 0) || !double.IsFinite(tolerance)) throw new ArgumentOutOfRangeException(nameof(tolerance), "the budget tolerance must be a finite number ≥ 0");
        if (runs.Count > 0 && runs.All(r => !string.IsNullOrEmpty(r.Group)))
        {
            return runs.GroupBy(r => r.Group!, StringComparer.Ordinal).Select(g => (IReadOnlyList<Observation>)g.ToList()).ToList();
        }
        var sorted = runs.OrderBy(r => r.Compute.Value).ToList();
        var groups = new List<List<Observation>>();
        foreach (var r in sorted)
        {
            if (groups.Count == 0 || r.Compute.Value > groups[^1][0].Compute.Value * (1 + tolerance)) groups.Add([]);
            groups[^1].Add(r);
        }
        return groups;
    }

    private static IsoFlopBudget Profile(IReadOnlyList<Observation> runs)
    {
        double compute = Math.Exp(runs.Average(r => r.Compute.Log));
        var ordered = runs.OrderBy(r => r.Parameters.Value).ToArray();
        var sizes = ordered.Select(r => r.Parameters.Value).ToArray();
        var xs = ordered.Select(r => r.Parameters.Log).ToArray();
        var ys = ordered.Select(r => r.Metric).ToArray();
        int distinct = sizes.Distinct().Count();
        if (distinct < 3)
        {
            return new IsoFlopBudget
            {
                Compute = compute, SampledParameters = sizes, Losses = ys, Parabola = (double.NaN, double.NaN, double.NaN), Used = false,
                OptimalParameters = double.NaN, MinimumLoss = double.NaN, Centring = double.NaN,
                Note = $"{distinct} distinct sizes: a parabola needs at least 3",
            };
        }
        var (p2, p1, p0) = Quadratic(xs, ys);
        double lnStar = -p1 / (2 * p2);
        double mid = 0.5 * (xs[0] + xs[^1]), half = 0.5 * (xs[^1] - xs[0]);
        bool used = p2 > 0;
        return new IsoFlopBudget
        {
            Compute = compute, SampledParameters = sizes, Losses = ys, Parabola = (p2, p1, p0), Used = used,
            OptimalParameters = used ? Math.Exp(lnStar) : double.NaN,
            MinimumLoss = used ? p0 - p1 * p1 / (4 * p2) : double.NaN,
            Centring = used ? (lnStar - mid) / half : double.NaN,
            Note = used ? null : "the parabola opens downward (no minimum): the loss valley is not sampled",
        };
    }

    /// <summary>Least-squares y = p2·x² + p1·x + p0, solved on centred x for conditioning.</summary>
    public static (double P2, double P1, double P0) Quadratic(double[] x, double[] y)
    {
        double c = x.Average();
        double s0 = x.Length, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double u = x[i] - c, u2 = u * u;
            s1 += u; s2 += u2; s3 += u2 * u; s4 += u2 * u2;
            t0 += y[i]; t1 += u * y[i]; t2 += u2 * y[i];
        }
        // Normal equations [s4 s3 s2; s3 s2 s1; s2 s1 s0]·(q2, q1, q0) = (t2, t1, t0), by Cramer's rule.
        double det = Det(s4, s3, s2, s3, s2, s1, s2, s1, s0);
        double q2 = Det(t2, s3, s2, t1, s2, s1, t0, s1, s0) / det;
        double q1 = Det(s4, t2, s2, s3, t1, s1, s2, t0, s0) / det;
        double q0 = Det(s4, s3, t2, s3, s2, t1, s2, s1, t0) / det;
        // Back to uncentred x: q2(x−c)² + q1(x−c) + q0.
        return (q2, q1 - 2 * q2 * c, q2 * c * c - q1 * c + q0);
    }

    private static double Det(double a, double b, double c, double d, double e, double f, double g, double h, double i) =>
        a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);

    private static IsoFlopResult Regress(IsoFlopBudget[] budgets)
    {
        var used = budgets.Where(b => b.Used).ToArray();
        var diagnostics = new List<Diagnostic>();
        foreach (var b in budgets.Where(b => !b.Used))
        {
            diagnostics.Add(Diagnostic.Warning("budget-skipped", $"budget {F(b.Compute)}: {b.Note}"));
        }
        foreach (var b in used.Where(b => Math.Abs(b.Centring) > 1))
        {
            diagnostics.Add(Diagnostic.Warning("vertex-outside-grid",
                $"budget {F(b.Compute)}: the vertex N* = {F(b.OptimalParameters)} lies outside the sampled sizes {F(b.SampledParameters[0])}…{F(b.SampledParameters[^1])}; it is extrapolated"));
        }
        var lnC = used.Select(b => Math.Log(b.Compute)).ToArray();
        var fitN = LinearFit.Of(lnC, used.Select(b => Math.Log(b.OptimalParameters)).ToArray());
        var fitD = LinearFit.Of(lnC, used.Select(b => Math.Log(b.OptimalTokens)).ToArray());
        if (used.Length < 2)
        {
            diagnostics.Add(Diagnostic.Error("too-few-budgets", $"{used.Length} usable budget(s): the exponents need at least 2 (better 5 or more)"));
        }
        else
        {
            double minWidth = used.Min(b => b.GridWidth), maxWidth = used.Max(b => b.GridWidth);
            double minC = used.Min(b => b.Centring), maxC = used.Max(b => b.Centring);
            diagnostics.Add(Diagnostic.Info("parabola-bias",
                $"grids span {F(minWidth)}×…{F(maxWidth)}× in N with vertex centring {Quantity.Fixed(minC, 2)}…{Quantity.Fixed(maxC, 2)} (0 = centred, ±1 = grid edge); " +
                "a parabola in ln N misplaces the minimum of an asymmetric loss valley, biasing N* low by about 1% for a ±8× grid: " +
                "the intercept moves, the slope a does not if every budget is centred alike"));
            if (maxC - minC > 0.5)
            {
                diagnostics.Add(Diagnostic.Warning("uneven-centring",
                    $"budgets are centred differently (centring {Quantity.Fixed(minC, 2)}…{Quantity.Fixed(maxC, 2)}): the parabola bias then varies with C and biases the exponent a too; re-centre the grids on the expected optimum"));
            }
        }
        return new IsoFlopResult
        {
            Budgets = budgets, ExponentA = fitN.Slope, ExponentB = fitD.Slope, InterceptN = fitN.Intercept, InterceptD = fitD.Intercept,
            StandardErrorA = fitN.SlopeStandardError, RSquared = fitN.RSquared, Diagnostics = diagnostics,
        };
    }

    private static string F(double v) => Quantity.Format(v, 4);
}
