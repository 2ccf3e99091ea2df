using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Numerics;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Fitting;

// Every vector path of Chinchilla's kernel against the scalar general path (Math.Exp/Math.Log, the
// fitter's residuals, ψ and Jᵀψ): the portable paths on every machine, AVX-512 where present.
[Collection(VectorPathCollection.Name)]
public class FusedKernelTests
{
    private static ScalingData Synthetic(int count)
    {
        var rows = new List<Observation>();
        for (int i = 0; i < count; i++)
        {
            double n = Math.Pow(10, 7 + 3.0 * i / count), d = Math.Pow(10, 9 + 2.5 * ((i * 7) % count) / count);
            rows.Add(Observation.FromParametersAndTokens(n, d, 1.8 + 400 / Math.Pow(n, 0.34) + 400 / Math.Pow(d, 0.28) + 0.01 * Math.Sin(i)));
        }
        return ScalingData.From(rows);
    }

    private static readonly double[] Theta = [0.55, 6.1, 5.9, 0.33, 0.29];

    // The general path on the scalar code: ln ŷ and its Jacobian from EvaluateLog, residuals, ψ, Jᵀψ.
    private static (double Value, double[] Gradient, double[] LogPrediction, double[] Jacobian) General(ScalingData data, FitObjective objective, double[] theta)
    {
        using var scalar = VectorPathScope.Use(VectorPath.None);
        int n = data.Count;
        var logPred = new double[n];
        var jac = new double[5 * n];
        ChinchillaLaw.Instance.EvaluateLog(theta, data, logPred, jac);
        var resid = logPred.Select((v, i) => v - data.LogY[i]).ToArray();
        var psi = new double[n];
        var value = objective.Evaluate(resid, psi);
        var gradient = new double[5];
        for (int j = 0; j < 5; j++)
        {
            for (int i = 0; i < n; i++) gradient[j] += jac[j * n + i] * psi[i];
        }
        return (value, gradient, logPred, jac);
    }

    // The fused kernel's value (and gradient) on one vector path.
    private static double Fused(string path, ScalingData data, FitObjective objective, double[] theta, double[] gradient)
    {
        using var scope = VectorPathScope.Use(Enum.Parse<VectorPath>(path));
        Assert.True(ChinchillaLaw.Instance.TryEvaluateObjective(theta, data, objective, gradient, out var value), $"no fused kernel on {path}");
        return value;
    }

    [SkippableTheory]
    [InlineData(nameof(VectorPath.Portable128), 13, "huber-log")]
    [InlineData(nameof(VectorPath.Portable128), 240, "huber-log")]
    [InlineData(nameof(VectorPath.Portable128), 57, "squared-log")]
    [InlineData(nameof(VectorPath.Portable256), 13, "huber-log")]
    [InlineData(nameof(VectorPath.Portable256), 240, "huber-log")]
    [InlineData(nameof(VectorPath.Portable256), 57, "squared-log")]
    [InlineData(nameof(VectorPath.Portable256), 3, "huber-log")]
    [InlineData(nameof(VectorPath.Avx512), 13, "huber-log")]
    [InlineData(nameof(VectorPath.Avx512), 240, "huber-log")]
    [InlineData(nameof(VectorPath.Avx512), 57, "squared-log")]
    public void Chinchilla_FusedObjective_MatchesGeneralPath(string path, int count, string objectiveName)
    {
        var data = Synthetic(count);
        var objective = FitObjective.Parse(objectiveName);
        var general = General(data, objective, Theta);
        var fusedGradient = new double[5];
        double fused = Fused(path, data, objective, Theta, fusedGradient);
        Assert.Equal(general.Value, fused, 1e-12 * Math.Abs(general.Value) + 1e-300);
        for (int j = 0; j < 5; j++)
        {
            double g = general.Gradient[j];
            Assert.True(Math.Abs(g - fusedGradient[j]) <= 1e-10 * (Math.Abs(g) + 1e-12), $"gradient {j}: {g} vs {fusedGradient[j]}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(VectorPathScope.Widths), MemberType = typeof(VectorPathScope))]
    public void Chinchilla_VectorEvaluateLog_MatchesScalar(string path)
    {
        var data = Synthetic(61);
        var general = General(data, FitObjective.Parse("huber-log"), Theta);
        int n = data.Count;
        var logPred = new double[n];
        var jac = new double[5 * n];
        var bare = new double[n];
        using (VectorPathScope.Use(Enum.Parse<VectorPath>(path)))
        {
            ChinchillaLaw.Instance.EvaluateLog(Theta, data, logPred, jac);
            ChinchillaLaw.Instance.EvaluateLog(Theta, data, bare, Span<double>.Empty);
        }
        for (int i = 0; i < n; i++) Assert.Equal(general.LogPrediction[i], logPred[i], 4e-16 * Math.Abs(general.LogPrediction[i]) + 1e-300);
        Assert.Equal(logPred, bare);
        for (int k = 0; k < 5 * n; k++) Assert.Equal(general.Jacobian[k], jac[k], 1e-15 * (Math.Abs(general.Jacobian[k]) + 1e-12));
    }

    // A step far out of range overflows the power terms: every path reports the same non-finite value.
    [SkippableTheory]
    [MemberData(nameof(VectorPathScope.Widths), MemberType = typeof(VectorPathScope))]
    public void Chinchilla_FusedObjective_OverflowsLikeTheGeneralPath(string path)
    {
        var data = Synthetic(24);
        var objective = FitObjective.Parse("huber-log");
        double[] theta = [0.55, 800, 5.9, 0.0, 0.29];
        var general = General(data, objective, theta);
        double fused = Fused(path, data, objective, theta, new double[5]);
        Assert.Equal(double.PositiveInfinity, general.Value);
        Assert.Equal(general.Value, fused);
    }

    [Fact]
    public void Chinchilla_WithoutVectors_HasNoFusedKernel()
    {
        using var scalar = VectorPathScope.Use(VectorPath.None);
        Assert.False(ChinchillaLaw.Instance.TryEvaluateObjective(Theta, Synthetic(16), FitObjective.Parse("huber-log"), new double[5], out _));
    }

    [Fact]
    public void Chinchilla_Jacobian_MatchesFiniteDifferences()
    {
        var data = Synthetic(20);
        double[] theta = [0.55, 6.1, 5.9, 0.33, 0.29];
        int n = data.Count;
        var logPred = new double[n];
        var jac = new double[5 * n];
        ChinchillaLaw.Instance.EvaluateLog(theta, data, logPred, jac);
        for (int j = 0; j < 5; j++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            const double h = 1e-6;
            plus[j] += h;
            minus[j] -= h;
            var lp = new double[n];
            var lm = new double[n];
            ChinchillaLaw.Instance.EvaluateLog(plus, data, lp, Span<double>.Empty);
            ChinchillaLaw.Instance.EvaluateLog(minus, data, lm, Span<double>.Empty);
            for (int i = 0; i < n; i++) Assert.Equal((lp[i] - lm[i]) / (2 * h), jac[j * n + i], 1e-6);
        }
    }
}
