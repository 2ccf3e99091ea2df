using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Numerics;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Fitting;

// The default 4500-start Chinchilla fit of the Epoch data on each vector path of the fused kernel
// against the general scalar path: the same optimum to rounding, whatever the processor.
[Collection(VectorPathCollection.Name)]
public class VectorPathFitTests
{
    private static readonly Lazy<FitResult?> General = new(() =>
    {
        var rows = EpochChinchilla.Load240();
        if (rows is null) return null;
        using var scalar = VectorPathScope.Use(VectorPath.None);
        return Fitter.Fit(ChinchillaLaw.Instance, ScalingData.From(rows));
    });

    [SkippableTheory]
    [MemberData(nameof(VectorPathScope.Widths), MemberType = typeof(VectorPathScope))]
    public void Fit_EpochData_ReachesTheGeneralPathsOptimum(string path)
    {
        var rows = EpochChinchilla.Load240();
        Skip.If(rows is null, SharedData.Missing);
        FitResult fit;
        using (VectorPathScope.Use(Enum.Parse<VectorPath>(path)))
        {
            fit = Fitter.Fit(ChinchillaLaw.Instance, ScalingData.From(rows!));
        }
        var general = General.Value!;
        Assert.Equal(FitStatus.Converged, general.Status);
        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.True(Math.Abs(fit.Objective - general.Objective) <= 1e-9 * general.Objective,
            $"{path}: objective {fit.Objective:R}, general path {general.Objective:R}");
        foreach (var (name, value) in general.Parameters)
        {
            Assert.True(Math.Abs(fit.Parameters[name] - value) <= 1e-6 * Math.Abs(value), $"{path}: {name} {fit.Parameters[name]:R}, general path {value:R}");
        }
    }
}
