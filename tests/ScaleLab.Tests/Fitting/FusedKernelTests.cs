using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;

namespace ScaleLab.Tests.Fitting;

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

    [Theory]
    [InlineData(13, "huber-log")]
    [InlineData(240, "huber-log")]
    [InlineData(57, "squared-log")]
    public void Chinchilla_FusedObjective_MatchesGeneralPath(int count, string objectiveName)
    {
        var data = Synthetic(count);
        var objective = FitObjective.Parse(objectiveName);
        double[] theta = [0.55, 6.1, 5.9, 0.33, 0.29];
        var fusedGradient = new double[5];
        if (!ChinchillaLaw.Instance.TryEvaluateObjective(theta, data, objective, fusedGradient, out var fused))
        {
            return; // no AVX-512 on this processor: the general path is the only one
        }
        // The general path: ln ŷ and its Jacobian from EvaluateLog, residuals, ψ, Jᵀψ.
        int n = data.Count;
        var logPred = new double[n];
        var jac = new double[5 * n];
        ChinchillaLaw.Instance.EvaluateLog(theta, data, logPred, jac);
        var resid = logPred.Select((v, i) => v - data.LogY[i]).ToArray();
        var psi = new double[n];
        var general = objective.Evaluate(resid, psi);
        Assert.Equal(general, fused, 1e-12 * Math.Abs(general) + 1e-300);
        for (int j = 0; j < 5; j++)
        {
            double g = 0;
            for (int i = 0; i < n; i++) g += jac[j * n + i] * psi[i];
            Assert.True(Math.Abs(g - fusedGradient[j]) <= 1e-10 * (Math.Abs(g) + 1e-12), $"gradient {j}: {g} vs {fusedGradient[j]}");
        }
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
