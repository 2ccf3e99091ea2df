using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Uncertainty;

namespace ScaleLab.Tests.Uncertainty;

public class DataCoverageCheckTests
{
    private static ScalingData Runs(params double[] computes) =>
        ScalingData.From(computes.Select(c => Observation.FromParametersAndCompute(1e8, c, 3)).ToArray());

    [Fact]
    public void CheckData_FewPointsPerDecade_Warns()
    {
        var sparse = DataCoverageCheck.CheckData(ChinchillaLaw.Instance, Runs(1e18, 1e20, 1e22));
        Assert.Contains(sparse, d => d.Code == "sparse-data" && d.Message.Contains("4 decades"));
        var narrow = DataCoverageCheck.CheckData(ChinchillaLaw.Instance, Runs(1e18, 2e18, 3e18, 4e18, 5e18));
        Assert.Contains(narrow, d => d.Code == "narrow-range");
        var dense = DataCoverageCheck.CheckData(ChinchillaLaw.Instance, Runs(Enumerable.Range(0, 20).Select(i => 1e18 * Math.Pow(10, i / 5.0)).ToArray()));
        Assert.Empty(dense);
    }

    [Fact]
    public void CheckPrediction_FarBeyondTheData_Warns()
    {
        var data = Runs(1e18, 1e19, 1e20, 1e21);
        Assert.Null(DataCoverageCheck.CheckPrediction(ChinchillaLaw.Instance, data, ScalingData.Point(compute: 5e21)));
        var far = DataCoverageCheck.CheckPrediction(ChinchillaLaw.Instance, data, ScalingData.Point(compute: 5.76e23));
        Assert.NotNull(far);
        Assert.Equal("far-extrapolation", far!.Code);
        Assert.Equal(Math.Log10(576), DataCoverageCheck.ExtrapolationDecades(ChinchillaLaw.Instance, data, ScalingData.Point(compute: 5.76e23)), 9);
    }

    [Fact]
    public void CheckIntervals_MoreThanAnOrderOfMagnitude_Warns()
    {
        var diagnostics = DataCoverageCheck.CheckIntervals(new Dictionary<string, Interval>
        {
            ["B"] = new(300, 9000, 0.8, "percentile"),
            ["alpha"] = new(0.32, 0.37, 0.8, "percentile"),
            ["E"] = new(0, double.PositiveInfinity, 0.8, "profile"),
        });
        Assert.Equal(2, diagnostics.Count);
        Assert.Contains(diagnostics, d => d.Code == "interval-wide" && d.Message.Contains("B"));
        Assert.Contains(diagnostics, d => d.Code == "interval-unbounded" && d.Message.Contains("E"));
    }
}
