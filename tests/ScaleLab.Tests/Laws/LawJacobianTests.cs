using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Laws;

/// <summary>Every law's analytic Jacobian of ln ŷ against central finite differences, and prediction with and without it.</summary>
public class LawJacobianTests
{
    public static TheoryData<string> Cases => new()
    {
        "chinchilla", "kaplan", "kaplan-n", "kaplan-d", "kaplan-c", "power-law-n", "power-law-d", "power-law-c",
        "bnsl", "bnsl:0", "bnsl:3", "bnsl-c:2", "bnsl-n",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Jacobian_MatchesCentralDifferences(string name)
    {
        var (law, theta, data) = Case(name);
        AssertJacobianMatchesCentralDifferences(name, law, theta, data);
    }

    /// <summary>The analytic Jacobian of ln ŷ against central differences with step 1e-6·max(1, |θ_j|), to 1e-6 (relative beyond 1).</summary>
    internal static void AssertJacobianMatchesCentralDifferences(string name, ScalingLaw law, double[] theta, ScalingData data)
    {
        int n = data.Count, p = law.Parameters.Count;
        var logPrediction = new double[n];
        var jacobian = new double[p * n];
        law.EvaluateLog(theta, data, logPrediction, jacobian);
        Assert.All(logPrediction, v => Assert.True(double.IsFinite(v)));

        var plus = new double[n];
        var minus = new double[n];
        for (int j = 0; j < p; j++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(theta[j]));
            var tp = (double[])theta.Clone();
            var tm = (double[])theta.Clone();
            tp[j] += h;
            tm[j] -= h;
            law.EvaluateLog(tp, data, plus, Span<double>.Empty);
            law.EvaluateLog(tm, data, minus, Span<double>.Empty);
            for (int i = 0; i < n; i++)
            {
                double numeric = (plus[i] - minus[i]) / (2 * h);
                double analytic = jacobian[j * n + i];
                Assert.True(Math.Abs(numeric - analytic) <= 1e-6 * (1 + Math.Abs(analytic)),
                    $"{name}: d ln y[{i}] / d {law.Parameters[j].Name}: analytic {analytic:R}, numeric {numeric:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_WithoutJacobian_GivesTheSamePrediction(string name)
    {
        var (law, theta, data) = Case(name);
        AssertSamePredictionWithoutJacobian(law, theta, data);
    }

    /// <summary>ln ŷ is the same whether or not the Jacobian is asked for.</summary>
    internal static void AssertSamePredictionWithoutJacobian(ScalingLaw law, double[] theta, ScalingData data)
    {
        var with = new double[data.Count];
        var without = new double[data.Count];
        law.EvaluateLog(theta, data, with, new double[law.Parameters.Count * data.Count]);
        law.EvaluateLog(theta, data, without, Span<double>.Empty);
        Assert.Equal(with, without);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_DoesNotAllocate(string name)
    {
        // Fits call EvaluateLog thousands of times per start: it must not allocate, with or without a Jacobian.
        var (law, theta, data) = Case(name);
        AssertEvaluationDoesNotAllocate(law, theta, data);
    }

    /// <summary>Ten evaluations with and without a Jacobian allocate nothing on this thread.</summary>
    internal static void AssertEvaluationDoesNotAllocate(ScalingLaw law, double[] theta, ScalingData data)
    {
        var prediction = new double[data.Count];
        var jacobian = new double[law.Parameters.Count * data.Count];
        law.EvaluateLog(theta, data, prediction, jacobian);
        law.EvaluateLog(theta, data, prediction, Span<double>.Empty);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 10; k++)
        {
            law.EvaluateLog(theta, data, prediction, jacobian);
            law.EvaluateLog(theta, data, prediction, Span<double>.Empty);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Registry_NameRoundTrips(string name)
    {
        var law = LawRegistry.Get(name);
        Assert.Equal(law.Name, LawRegistry.Get(law.Name).Name);
        Assert.Equal(law.Parameters.Select(x => x.Name), LawRegistry.Get(law.Name).Parameters.Select(x => x.Name));
    }

    [Fact]
    public void Registry_NamesParametersAsThePapersDo()
    {
        Assert.Equal(["E", "A", "alpha"], LawRegistry.Get("power-law-c").Parameters.Select(p => p.Name));
        Assert.Equal(["N_c", "alpha_N"], LawRegistry.Get("kaplan-n").Parameters.Select(p => p.Name));
        Assert.Equal(["D_c", "alpha_D"], LawRegistry.Get("kaplan-d").Parameters.Select(p => p.Name));
        Assert.Equal(["C_c", "alpha_C"], LawRegistry.Get("kaplan-c").Parameters.Select(p => p.Name));
        Assert.Equal(["alpha_N", "alpha_D", "N_c", "D_c"], LawRegistry.Get("kaplan").Parameters.Select(p => p.Name));
        Assert.Equal(["a", "b", "c0", "c1", "c2", "d1", "d2", "f1", "f2"], LawRegistry.Get("bnsl:2").Parameters.Select(p => p.Name));
        Assert.Equal(ScaleVariable.Compute, Assert.IsType<BrokenPowerLaw>(LawRegistry.Get("BNSL-C:2")).Variable);
        Assert.Throws<ArgumentException>(() => LawRegistry.Get("bnsl:x"));
        Assert.Throws<ArgumentException>(() => LawRegistry.Get("bnsl-q:1"));
        Assert.Throws<ArgumentException>(() => LawRegistry.Get("power-law"));
    }

    private static (ScalingLaw Law, double[] Theta, ScalingData Data) Case(string name)
    {
        var law = LawRegistry.Get(name);
        var grid = LawData.LogSpace(6, 10, 5).SelectMany(n => LawData.LogSpace(8, 12, 5).Select(d => (n, d)));
        var twoVariable = ScalingData.From(LawData.AtParametersAndTokens(grid));
        Dictionary<string, double> values = name switch
        {
            "chinchilla" => new() { ["E"] = 1.8172, ["A"] = 482.01, ["B"] = 2085.43, ["alpha"] = 0.3478, ["beta"] = 0.3658 },
            "kaplan" => new() { ["alpha_N"] = 0.076, ["alpha_D"] = 0.103, ["N_c"] = 6.4e13, ["D_c"] = 1.8e13 },
            "kaplan-n" => new() { ["N_c"] = 8.8e13, ["alpha_N"] = 0.076 },
            "kaplan-d" => new() { ["D_c"] = 5.4e13, ["alpha_D"] = 0.095 },
            "kaplan-c" => new() { ["C_c"] = 3.1e8 * 8.64e19, ["alpha_C"] = 0.05 },
            "bnsl:3" => Figure1Bnsl(),
            "bnsl:0" => new() { ["a"] = 0.4, ["b"] = 2.3, ["c0"] = 0.3 },
            "bnsl-c:2" => new() { ["a"] = 0.4, ["b"] = 50, ["c0"] = 0.05, ["c1"] = 0.5, ["c2"] = -0.3, ["d1"] = 1e19, ["d2"] = 1e21, ["f1"] = 0.3, ["f2"] = 1.2 },
            _ when name.StartsWith("bnsl", StringComparison.Ordinal) => new() { ["a"] = 0.41388, ["b"] = 2.27727, ["c0"] = 0.05508, ["c1"] = 5.6629, ["d1"] = 612.58, ["f1"] = 0.05919 },
            _ => new() { ["E"] = 1.7, ["A"] = 400, ["alpha"] = 0.3 },
        };
        var data = law.Variables.Count == 2 ? twoVariable : law switch
        {
            BrokenPowerLaw { Breaks: 3 } b => ScalingData.From(LawData.Along(b.Variable, LawData.LogSpace(0, 26, 27))),
            BrokenPowerLaw b when b.Variable == ScaleVariable.Compute => ScalingData.From(LawData.Along(b.Variable, LawData.LogSpace(17, 23, 13))),
            BrokenPowerLaw b => ScalingData.From(LawData.Along(b.Variable, LawData.LogSpace(2, 3.2, 13))),
            _ => ScalingData.From(LawData.Along(law.Variables[0], LawData.LogSpace(6, 22, 17))),
        };
        return (law, law.FromNamed(values), data);
    }

    /// <summary>docs/science.md §4 / V20 (a): the Figure-1 three-break BNSL of Caballero et al. 2023.</summary>
    internal static Dictionary<string, double> Figure1Bnsl() => new()
    {
        ["a"] = 1e-3, ["b"] = 4.66e3, ["c0"] = 0.05, ["c1"] = 0.49, ["c2"] = -0.811, ["c3"] = 2.1,
        ["d1"] = 3e6, ["d2"] = 1e14, ["d3"] = 2e20, ["f1"] = 1.1, ["f2"] = 1.425, ["f3"] = 0.05,
    };
}
