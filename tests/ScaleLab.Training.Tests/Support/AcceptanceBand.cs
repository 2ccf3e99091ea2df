namespace ScaleLab.Training.Tests.Support;

/// <summary>
/// A statistical acceptance band published for a number of draws, widened for fewer draws: the
/// spread of a mean over n draws scales as 1/√n, so the half-width is multiplied by √(published / used).
/// </summary>
public sealed record AcceptanceBand(double Lower, double Upper, int PublishedDraws)
{
    public (double Lower, double Upper) For(int draws)
    {
        double centre = (Lower + Upper) / 2, half = (Upper - Lower) / 2 * Math.Sqrt(Math.Max(1.0, (double)PublishedDraws / draws));
        return (centre - half, centre + half);
    }

    public void AssertContains(double value, int draws)
    {
        var (lo, hi) = For(draws);
        Assert.True(value >= lo && value <= hi, $"{value:R} outside [{lo:R}, {hi:R}] (published band [{Lower}, {Upper}] for {PublishedDraws} draws, {draws} used)");
    }
}
