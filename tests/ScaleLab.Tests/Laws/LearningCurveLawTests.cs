using ScaleLab.Comparison;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;

namespace ScaleLab.Tests.Laws;

public class LearningCurveLawTests
{
    public static TheoryData<string, double[]> LawsAndThetas => new()
    {
        { "m1", [Math.Log(3), -0.4] },
        { "m2", [Math.Log(3), -0.4, Math.Log(0.2)] },
        { "m3", [Math.Log(0.5), -0.4, Math.Log(1e-4)] },
        { "m4", [Math.Log(10), -0.5, 0.5, Math.Log(0.1), Math.Log(1.0)] },
        { "m4", [Math.Log(2), -0.3, 1.7, Math.Log(0.3), Math.Log(2.5)] },
    };

    [Theory]
    [MemberData(nameof(LawsAndThetas))]
    public void Jacobian_MatchesCentralDifferences(string name, double[] theta)
    {
        var law = LawRegistry.Get(name);
        var data = Curve(Enumerable.Range(0, 13).Select(i => Math.Pow(10, 1 + 0.5 * i)).ToArray(), _ => 1);
        int n = data.Count, p = theta.Length;
        var log = new double[n];
        var jac = new double[p * n];
        law.EvaluateLog(theta, data, log, jac);
        Assert.All(log, v => Assert.True(double.IsFinite(v)));
        for (int j = 0; j < p; j++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(theta[j]));
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[j] += h;
            minus[j] -= h;
            var lp = new double[n];
            var lm = new double[n];
            law.EvaluateLog(plus, data, lp, Span<double>.Empty);
            law.EvaluateLog(minus, data, lm, Span<double>.Empty);
            for (int i = 0; i < n; i++) Assert.Equal((lp[i] - lm[i]) / (2 * h), jac[j * n + i], 1e-6);
        }
    }

    [Fact]
    public void M4_PredictionSolvesTheDefiningEquation()
    {
        // docs/science.md V21: (eps − 0.1)/(1 − eps)^0.5 = 10·x^−0.5 gives eps(1e2) = 0.672381,
        // eps(1e3) = 0.354138, eps(1e4) = 0.190000, eps(1e5) = 0.129504, eps(1e6) = 0.109437.
        var y = M4Law.Instance.Predict(V21Theta, Curve([1e2, 1e3, 1e4, 1e5, 1e6], _ => 1));
        double[] expected = [0.672381, 0.354138, 0.190000, 0.129504, 0.109437];
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i], y[i], 6);
    }

    [Fact]
    public void V21_ExtrapolationRanking_M4BeatsM3BeatsM2BeatsM1()
    {
        // docs/science.md V21: fit x ≤ 1e4 (11 points), extrapolate x > 1e4 (10 points); M4 with eps_0
        // fixed recovers the truth (RMSLE < 1e-8); M1 0.429, M2 0.326, M3 0.0397 (±10 %).
        var x = Enumerable.Range(0, 21).Select(i => Math.Pow(10, 2 + 0.2 * i)).ToArray();
        var truth = M4Law.Instance.Predict(V21Theta, Curve(x, _ => 1));
        var observations = x.Select((v, i) => Observation.FromParametersAndTokens(1, v, truth[i])).ToArray();
        var holdout = Holdout.Parse("largest-tokens:1e4");
        var options = new FitOptions { Objective = FitObjective.SquaredLog };
        var free = LawComparison.Run([M1Law.Instance, M2Law.Instance, M3Law.Instance], observations, holdout, options);
        var m4 = LawComparison.Run([M4Law.Instance], observations, holdout, options with { Fixed = new Dictionary<string, double> { ["eps_0"] = 1.0 } });
        Assert.Equal(11, free.FitPoints);
        Assert.Equal(10, free.HeldOutPoints);
        double Rmsle(LawComparison c, string law) => c.Scores.Single(s => s.Law == law).Rmsle;
        Assert.InRange(Rmsle(free, "m1"), 0.429 * 0.9, 0.429 * 1.1);
        Assert.InRange(Rmsle(free, "m2"), 0.326 * 0.9, 0.326 * 1.1);
        Assert.InRange(Rmsle(free, "m3"), 0.0397 * 0.9, 0.0397 * 1.1);
        Assert.True(Rmsle(m4, "m4") < 1e-8, $"M4 extrapolation RMSLE {Rmsle(m4, "m4")}");
        Assert.Equal(["m3", "m2", "m1"], free.Scores.Select(s => s.Law));
        var p = m4.Scores[0].Parameters;
        Assert.Equal(10, p["beta"], 10 * 1e-8);
        Assert.Equal(-0.5, p["c"], 0.5 * 1e-8);
        Assert.Equal(0.5, p["alpha"], 0.5 * 1e-8);
        Assert.Equal(0.1, p["eps_inf"], 0.1 * 1e-8);
    }

    private static readonly double[] V21Theta = [Math.Log(10), -0.5, 0.5, Math.Log(0.1), Math.Log(1.0)];

    private static ScalingData Curve(double[] x, Func<double, double> y) =>
        ScalingData.From(x.Select(v => Observation.FromParametersAndTokens(1, v, y(v))).ToArray());
}
