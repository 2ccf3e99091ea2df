using ScaleLab.Uncertainty;

namespace ScaleLab.Tests.Uncertainty;

public class CoverageSimulationTests
{
    [Fact]
    public void V18Design_HasFortyNineRunsAroundTheOptimum()
    {
        // docs/science.md V18: 49 points, N from 1.007e7 to 2.223e10.
        var design = CoverageSimulation.Design();
        Assert.Equal(49, design.Count);
        Assert.Equal(1.007e7, design.Min(p => p.N), 1.007e7 * 1e-3);
        Assert.Equal(2.223e10, design.Max(p => p.N), 2.223e10 * 1e-3);
    }

    [Fact]
    public void V23_BootstrapCoverageOfA_IsNearNominal()
    {
        // docs/science.md V23: 60 replicates × 100 resamples, noise 0.01 on ln L; the 80 % interval
        // for a covered the truth in 0.85 of replicates, median width 0.037. Acceptance: coverage in
        // [0.65, 0.95], median width in [0.02, 0.06]. This runs the full design (a few seconds);
        // `scalelab simulate-coverage` reruns it with other sizes.
        var result = CoverageSimulation.Run(new CoverageOptions { Replicates = 60, Resamples = 100, Seed = 2024 });
        Assert.Equal(0.512612, result.Truth, 5);
        Assert.InRange(result.Coverage, 0.65, 0.95);
        Assert.InRange(result.MedianWidth, 0.02, 0.06);
        Assert.True(result.FailedResamples < 60 * 100 / 20, $"{result.FailedResamples} failed refits");
    }
}
