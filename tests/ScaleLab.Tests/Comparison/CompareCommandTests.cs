using System.Text.Json.Nodes;
using ScaleLab.Cli;
using ScaleLab.Tests.Cli;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Comparison;

public class CompareCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);

    [SkippableFact]
    public void Compare_BenchmarkJson_RanksEveryCurveAndSummarises()
    {
        var path = SharedData.File("revisiting-nsl-lang/benchmark_lang_subset.csv");
        Skip.If(path is null, SharedData.Missing);
        var (code, output, error) = Run("compare", path!, "--laws", "m1,m2", "--holdout", "column:Training=0", "--group-by", "Domain,Model",
            "--objective", "squared-log", "--tokens", "Seen Examples", "--metric", "Loss", "--json");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var root = JsonNode.Parse(output)!;
        Assert.Equal("scalelab.compare/2", (string?)root["schema"]); // fitted and held-out errors named apart, status a word (docs/json.md)
        Assert.Equal(9, root["comparisons"]!.AsArray().Count);
        var summary = root["summary"]!.AsArray();
        Assert.Equal("m2", (string?)summary[0]!["law"]);
        Assert.Equal(9, summary.Sum(s => (int)s!["wins"]!));
    }

    [Fact]
    public void Compare_BadHoldout_IsOneLineErrorWithExitCode2()
    {
        var (code, output, error) = Run("compare", "missing.csv", "--holdout", "smallest:3");
        Assert.Equal(Program.BadInput, code);
        Assert.Equal("", output);
        Assert.Contains("holdout 'smallest:3' is not understood", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void SimulateCoverage_SmallRun_PrintsCoverageInJson()
    {
        // A CI-sized run (12 data sets × 40 resamples): the band widens with the binomial standard error.
        var (code, output, error) = Run("simulate-coverage", "--replicates", "12", "--resamples", "40", "--seed", "3", "--json");
        Assert.Equal("", error);
        var root = JsonNode.Parse(output)!;
        Assert.Equal(12, root["intervals"]!.AsArray().Count);
        double lo = (double)root["band"]![0]!, hi = (double)root["band"]![1]!;
        Assert.True(hi - lo > 0.3 - 1e-9, $"band [{lo}, {hi}] must be wider than V23's at 60 replicates");
        Assert.Equal((bool)root["withinBand"]! ? 0 : 1, code);
        Assert.InRange((double)root["medianWidth"]!, 0.01, 0.08);
    }
}
