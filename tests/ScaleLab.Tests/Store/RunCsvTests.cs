using System.Globalization;
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

        var table = SimpleCsv.Parse(writer.ToString());
        Assert.Equal(3, table.Count);
        for (int i = 0; i < 3; i++)
        {
            var o = runs[i].Outcome!;
            Assert.Equal(o.Parameters.Value, double.Parse(table[i]["parameters"], CultureInfo.InvariantCulture));
            Assert.Equal(o.Tokens!.Value.Value, double.Parse(table[i]["tokens"], CultureInfo.InvariantCulture));
            Assert.Equal(o.Compute!.Value.Value, double.Parse(table[i]["compute"], CultureInfo.InvariantCulture));
            Assert.Equal(o.HeldOut["loss"], double.Parse(table[i]["loss"], CultureInfo.InvariantCulture));
            Assert.Equal(o.Train["loss"], double.Parse(table[i]["train_loss"], CultureInfo.InvariantCulture));
            Assert.Equal("g,1", table[i]["group"]);
            Assert.Equal(runs[i].Key[..12], table[i]["run_id"]);
        }
    }
}
