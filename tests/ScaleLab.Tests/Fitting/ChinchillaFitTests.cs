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
}
