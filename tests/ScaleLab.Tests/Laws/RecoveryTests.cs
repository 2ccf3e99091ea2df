using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Optimization;
using ScaleLab.Tests.Support;
using Xunit.Abstractions;

namespace ScaleLab.Tests.Laws;

/// <summary>Synthetic recovery of the Chinchilla and Kaplan laws: docs/science.md V18 and V22.</summary>
public class RecoveryTests(ITestOutputHelper output)
{
    // docs/science.md V18: truth = Besiroglu et al. 2024 refit (E, A, B, alpha, beta).
    private static readonly Dictionary<string, double> Besiroglu = new()
    {
        ["E"] = 1.8172, ["A"] = 482.01, ["B"] = 2085.43, ["alpha"] = 0.3478, ["beta"] = 0.3658,
    };

    /// <summary>docs/science.md V18 design: 7 budgets × N = N_opt(C)·2^k, k = −3…3, D = C/(6N), in that order.</summary>
    internal static IReadOnlyList<Observation> V18Design(Func<int, double>? logNoise = null)
    {
        double e = Besiroglu["alpha"], b = Besiroglu["beta"];
        double g = Math.Pow(e * Besiroglu["A"] / (b * Besiroglu["B"]), 1 / (e + b)), a = b / (e + b);
        var points = new List<(double N, double D)>();
        foreach (var c in new[] { 1e18, 3e18, 1e19, 3e19, 1e20, 3e20, 1e21 })
        for (int k = -3; k <= 3; k++)
        {
            double n = g * Math.Pow(c / 6, a) * Math.Pow(2, k);
            points.Add((n, c / (6 * n)));
        }
        return LawData.Generate(ChinchillaLaw.Instance, Besiroglu, LawData.AtParametersAndTokens(points), logNoise);
    }

    private static double SineNoise(int i) => 0.01 * Math.Sin(1.7 * i + 0.3);

    [Fact]
    public void Chinchilla_NoiselessV18_RecoversTruth()
    {
        var data = ScalingData.From(V18Design());
        Assert.Equal(49, data.Count);
        var fit = Fitter.Fit(ChinchillaLaw.Instance, data);
        output.WriteLine($"J = {fit.Objective:E3}, exit {fit.Exit}, starts at best {fit.StartsAtBest}/{fit.Starts}");
        foreach (var (name, v) in Besiroglu) output.WriteLine($"{name}: {fit.Parameters[name]:R} (rel error {Math.Abs(fit.Parameters[name] / v - 1):E2})");
        // docs/science.md V18 (a): all five parameters to rel 1e-6 with J < 1e-20.
        foreach (var (name, v) in Besiroglu) LawFormulaTests.AssertRelative(v, fit.Parameters[name], 1e-6);
        Assert.True(fit.Objective < 1e-20, $"J = {fit.Objective:E3}");
    }

    [Fact]
    public void Chinchilla_DeterministicNoiseV18_MatchesReferenceFit()
    {
        var data = ScalingData.From(V18Design(SineNoise));
        var fit = Fitter.Fit(ChinchillaLaw.Instance, data);
        var p = fit.Parameters;
        output.WriteLine($"E {p["E"]:G6} A {p["A"]:G6} B {p["B"]:G6} alpha {p["alpha"]:G6} beta {p["beta"]:G6} J {fit.Objective:E5} status {fit.Status} exit {fit.Exit} iterations {fit.Iterations} grad {fit.GradientNorm:E3} converged {fit.StartsConverged}/{fit.Starts} at best {fit.StartsAtBest}");
        // docs/science.md V18 (b): E = 1.80423 ±0.002, A = 522.99 ±3%, B = 1736.5 ±3%, alpha = 0.352837 ±0.003,
        // beta = 0.355695 ±0.003, J ≤ 2.72e-4 (reference 2.7194e-4).
        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.InRange(p["E"], 1.80423 - 0.002, 1.80423 + 0.002);
        Assert.InRange(p["A"] / 522.99, 0.97, 1.03);
        Assert.InRange(p["B"] / 1736.5, 0.97, 1.03);
        Assert.InRange(p["alpha"], 0.352837 - 0.003, 0.352837 + 0.003);
        Assert.InRange(p["beta"], 0.355695 - 0.003, 0.355695 + 0.003);
        Assert.True(fit.Objective <= 2.72e-4, $"J = {fit.Objective:E5}");
    }

    [Fact]
    public void Chinchilla_MeanInsteadOfSum_ReachesTheSameOptimum()
    {
        // docs/science.md V18 (c): averaging the objective must not move the optimum when the stopping
        // tests are relative (scipy's absolute defaults stopped the mean version early).
        var data = ScalingData.From(V18Design(SineNoise));
        var law = ChinchillaLaw.Instance;
        var sum = Fitter.Fit(law, data);
        var start = law.DefaultStarts(data)[sum.BestStart];
        double scale = 1.0 / data.Count;
        ObjectiveFunction mean = (x, g) =>
        {
            double v = Fitter.Objective(law, data, x, FitObjective.Default, g);
            for (int j = 0; j < g.Length; j++) g[j] *= scale;
            return v * scale;
        };
        var averaged = new LbfgsMinimizer(law.Parameters.Count).Minimize(mean, start);
        output.WriteLine($"mean: exit {averaged.Exit}, iterations {averaged.Iterations}; sum: exit {sum.Exit}, iterations {sum.Iterations}");
        var named = law.ToNamed(averaged.X);
        foreach (var (name, v) in sum.Parameters)
        {
            output.WriteLine($"{name}: sum {v:R}, mean {named[name]:R}");
            LawFormulaTests.AssertRelative(v, named[name], 1e-5);
        }
        LawFormulaTests.AssertRelative(sum.Objective * scale, averaged.Value, 1e-8);
    }

    [Fact]
    public void Kaplan_V22Grid_RecoversTable2Constants()
    {
        // docs/science.md V22: N ∈ logspace(6, 9, 7) × D ∈ logspace(7.5, 10.5, 7), least squares on log L.
        var points = LawData.LogSpace(6, 9, 7).SelectMany(n => LawData.LogSpace(7.5, 10.5, 7).Select(d => (n, d)));
        var data = ScalingData.From(LawData.Generate(KaplanLaw.Instance, LawFormulaTests.KaplanTable2, LawData.AtParametersAndTokens(points)));
        var fit = Fitter.Fit(KaplanLaw.Instance, data, new FitOptions { Objective = FitObjective.SquaredLog });
        output.WriteLine($"J = {fit.Objective:E3}, exit {fit.Exit}, starts at best {fit.StartsAtBest}/{fit.Starts}");
        foreach (var (name, v) in LawFormulaTests.KaplanTable2)
        {
            output.WriteLine($"{name}: {fit.Parameters[name]:R} (rel error {Math.Abs(fit.Parameters[name] / v - 1):E2})");
            LawFormulaTests.AssertRelative(v, fit.Parameters[name], 1e-6);
        }
    }
}
