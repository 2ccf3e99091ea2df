namespace ScaleLab.Training.Tests.Support;

/// <summary>
/// Ordinary least-squares slope of ln y on ln x: the "log–log slope" of docs/studies.md, "Reference values".
/// A pure power law without a floor, so the core's floor-carrying laws are not the right model here.
/// </summary>
public static class LogLogSlope
{
    public static double Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Assert.Equal(x.Count, y.Count);
        var lx = x.Select(v => Math.Log(v)).ToArray();
        var ly = y.Select(v =>
        {
            Assert.True(v > 0, $"log-log slope needs positive values (got {v})");
            return Math.Log(v);
        }).ToArray();
        double mx = lx.Average(), my = ly.Average();
        double sxy = 0, sxx = 0;
        for (int i = 0; i < lx.Length; i++)
        {
            sxy += (lx[i] - mx) * (ly[i] - my);
            sxx += (lx[i] - mx) * (lx[i] - mx);
        }
        return sxy / sxx;
    }
}
