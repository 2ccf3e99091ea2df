using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Fitting;

public class ChinchillaFitTests
{
    // Besiroglu et al. 2024 (arXiv:2404.10102) refit on the 240 Epoch rows: E 1.8172, A 482.01,
    // B 2085.43, alpha 0.3478, beta 0.3658 (SCIENCE.md §14 V10).
    [SkippableFact]
    public void Fit_EpochData_ReproducesBesirogluRefit()
    {
        var rows = EpochChinchilla.Load240();
        Skip.If(rows is null, SharedData.Missing);
        Assert.Equal(240, rows!.Count);
        var fit = Fitter.Fit(ChinchillaLaw.Instance, ScalingData.From(rows));
        var p = fit.Parameters;
        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.Equal(4500, fit.Starts);
        Assert.InRange(p["E"], 1.8172 - 0.01, 1.8172 + 0.01);
        Assert.InRange(p["alpha"], 0.3478 - 0.005, 0.3478 + 0.005);
        Assert.InRange(p["beta"], 0.3658 - 0.005, 0.3658 + 0.005);
        Assert.InRange(p["A"] / 482.01, 0.95, 1.05);
        Assert.InRange(p["B"] / 2085.43, 0.95, 1.05);
    }

    [SkippableFact]
    public void Fit_IsIdenticalForAnyThreadCount()
    {
        var rows = EpochChinchilla.Load240();
        Skip.If(rows is null, SharedData.Missing);
        var data = ScalingData.From(rows!);
        var one = Fitter.Fit(ChinchillaLaw.Instance, data, new FitOptions { Parallelism = 1, MaxStarts = 300 });
        var two = Fitter.Fit(ChinchillaLaw.Instance, data, new FitOptions { Parallelism = 2, MaxStarts = 300 });
        Assert.Equal(one.Theta, two.Theta);
        Assert.Equal(one.Objective, two.Objective);
    }

    // The bar: the full 4500-start fit reaches an objective no worse than the SciPy peer's
    // (../shared/bench/peer_chinchilla_grid.py, L-BFGS-B from the same grid: J = 0.00101827402863).
    [SkippableFact]
    public void Fit_EpochData_IsNoWorseThanTheSciPyPeer()
    {
        var rows = EpochChinchilla.Load240();
        Skip.If(rows is null, SharedData.Missing);
        var fit = Fitter.Fit(ChinchillaLaw.Instance, ScalingData.From(rows!));
        Assert.True(fit.Objective <= 0.00101827402863, $"objective {fit.Objective:R}");
        Assert.DoesNotContain(fit.Diagnostics, d => d.Code == "gradient-not-small");
    }

    [SkippableFact]
    public void Fit_StoppedByTheIterationLimit_IsNotConverged()
    {
        var rows = EpochChinchilla.Load240();
        Skip.If(rows is null, SharedData.Missing);
        var fit = Fitter.Fit(ChinchillaLaw.Instance, ScalingData.From(rows!), new FitOptions { MaxStarts = 20, MaxIterations = 3 });
        Assert.Equal(FitStatus.NotConverged, fit.Status);
        Assert.Contains(fit.Diagnostics, d => d.Code == "not-converged");
    }
}
