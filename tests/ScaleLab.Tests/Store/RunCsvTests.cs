using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Quantities;
using ScaleLab.Store;

namespace ScaleLab.Tests.Store;

public sealed class RunCsvTests
{
    [Fact]
    public void Export_ThenParse_GivesBackNDCAndLossOfEveryFinishedRun()
    {
        var t = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var runs = Enumerable.Range(1, 4).Select(i => new RunRecord
        {
            Study = "s", Key = new string((char)('a' + i), 64), Kind = "toy", Group = "g,1", Specification = "{}", Seed = i,
            Status = i == 4 ? RunStatus.Failed : RunStatus.Finished, WallSeconds = 0.1 * i, Created = t,
            Outcome = i == 4 ? null : new RunOutcome
            {
                Parameters = ParameterCount.Of(1000.0 * i), ParameterCounting = "total", Tokens = TokenCount.Of(1e5 / 3 * i),
                Compute = Flops.Of(6e8 / 3 * i * i), ComputeCounting = RunOutcome.SixND,
                HeldOut = new Dictionary<string, double> { ["loss"] = 1.0 / 3 + i },
                Train = new Dictionary<string, double> { ["loss"] = 0.1 * i },
            },
        }).ToArray();
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(1, RunCsv.Write(writer, runs));

        var set = ObservationReader.ReadCsv(new StringReader(writer.ToString()), "export.csv");
        Assert.Equal("loss", set.MetricName);
        Assert.Equal(3, set.Count);
        for (int i = 0; i < 3; i++)
        {
            var o = runs[i].Outcome!;
            var back = set.Observations[i];
            Assert.Equal(o.Parameters.Value, back.Parameters.Value);
            Assert.Equal(o.Tokens!.Value.Value, back.Tokens.Value);
            Assert.Equal(o.Compute!.Value.Value, back.Compute.Value);
            Assert.Null(back.Derived);
            Assert.Equal(o.HeldOut["loss"], back.Metric);
            Assert.Equal("g,1", back.Group);
            Assert.Equal(runs[i].RunId, back.RunId);
            Assert.Equal(runs[i].Seed, back.Seed);
            Assert.Equal(o.Train["loss"].ToString("R", CultureInfo.InvariantCulture), back.Tags["train_loss"]);
        }
    }

    [Fact]
    public void Export_WritesEachTagAsAColumn_PrefixedWhenItsNameIsTaken()
    {
        var t = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var runs = new[] { ("3e-4", "adam"), ("1e-3", null) }.Select((x, i) => StoreSamples.Finished("sw", $"k{i}", 2.0 + i, t,
            x.Item2 is null ? StoreSamples.Tags(("lr", x.Item1)) : StoreSamples.Tags(("lr", x.Item1), ("seed", x.Item2)))).ToArray();
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        RunCsv.Write(writer, runs);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(["lr", "tag_seed"], header[^2..]);
        Assert.Equal(["3e-4", "adam"], lines[1].Split(',')[^2..]);
        Assert.Equal(["1e-3", ""], lines[2].Split(',')[^2..]);

        var set = ObservationReader.ReadCsv(new StringReader(writer.ToString()), "export.csv");
        Assert.Equal("3e-4", set.Observations[0].Tags["lr"]);
    }
}
