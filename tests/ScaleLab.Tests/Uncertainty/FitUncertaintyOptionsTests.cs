using System.Globalization;
using System.Text;
using ScaleLab.Cli;
using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Serialization;
using ScaleLab.Tests.Cli;
using ScaleLab.Uncertainty;

namespace ScaleLab.Tests.Uncertainty;

public class FitUncertaintyOptionsTests
{
    /// <summary>49 runs of the V18 design from Besiroglu et al.'s law with 1 % log noise, grouped by budget.</summary>
    private static string NoisyRunsCsv(ulong seed = 17)
    {
        var law = ChinchillaLaw.Instance;
        var theta = law.FromNamed(CoverageSimulation.Truth);
        var rng = new SeededRandom(seed);
        var csv = new StringBuilder("group,params,tokens,loss\n");
        foreach (var (n, d) in CoverageSimulation.Design())
        {
            double loss = law.Predict(theta, ScalingData.Point(n, d))[0] * Math.Exp(0.01 * rng.NextGaussian());
            csv.Append(CultureInfo.InvariantCulture, $"C{6 * n * d:0.#e0},{n:R},{d:R},{loss:R}\n");
        }
        return csv.ToString();
    }

    [Fact]
    public void Fit_WithBootstrap_JsonCarriesIntervalsForParametersAndDerivedQuantities()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", NoisyRunsCsv());
        var args = new[] { "fit", runs, "--bootstrap", "60", "--cluster-by", "group", "--seed", "3", "--level", "0.9", "--budget", "5.76e23", "--json" };
        var (code, output, error) = CliRunner.Run(args);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var document = FitDocument.Parse(output, "stdout");
        Assert.NotNull(document.Bootstrap);
        Assert.Equal(60, document.Bootstrap!.Resamples);
        Assert.Equal("group", document.Bootstrap.ClusterBy);
        Assert.Equal(60 - document.Bootstrap.Failed, document.Bootstrap.Samples.Count);
        foreach (var name in new[] { "E", "A", "B", "alpha", "beta", "a", "b", "G", "N_opt", "D_opt", "tokens_per_parameter" })
        {
            var interval = document.Intervals[name];
            Assert.Equal(0.9, interval.Level);
            Assert.Equal("percentile", interval.Method);
            Assert.True(interval.Lower < interval.Upper, name);
        }
        Assert.True(document.Intervals["a"].Lower < document.Derived["a"] && document.Derived["a"] < document.Intervals["a"].Upper);
        Assert.Contains(document.Diagnostics, d => d.Code == "far-extrapolation");
        // Same seed, same intervals, whatever the thread count.
        var again = FitDocument.Parse(CliRunner.Run([.. args, "--threads", "1"]).Out, "stdout");
        Assert.Equal(document.Intervals["alpha"], again.Intervals["alpha"]);
    }

    [Fact]
    public void Fit_TestAgainstAndProfile_ReportTheTestAndProfileIntervals()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", NoisyRunsCsv());
        var (code, output, error) = CliRunner.Run("fit", runs, "--profile", "--test-against", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28", "--json");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var document = FitDocument.Parse(output, "stdout");
        Assert.Equal("profile", document.Intervals["alpha"].Method);
        Assert.True(document.Intervals["alpha"].Lower < 0.3478 && 0.3478 < document.Intervals["alpha"].Upper + 0.02);
        var lr = document.LikelihoodRatio!;
        Assert.Equal(5, lr.Df);
        // Data from Besiroglu et al.'s law reject Hoffmann et al.'s rounded parameters.
        Assert.True(lr.PValue < 1e-6, lr.PValue.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Predict_FromFitSavedWithBootstrap_GivesConfidenceIntervalForTheMean()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", NoisyRunsCsv());
        var fitPath = System.IO.Path.Combine(dir.Path, "fit.json");
        Assert.Equal(0, CliRunner.Run("fit", runs, "--bootstrap", "40", "--seed", "2", "--out", fitPath, "--json").Code);
        var (code, output, error) = CliRunner.Run("predict", "--fit", fitPath, "--params", "1e9,7e10", "--tokens", "2e10,1.4e12", "--json");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var points = System.Text.Json.Nodes.JsonNode.Parse(output)!["points"]!.AsArray();
        Assert.Equal(2, points.Count);
        double Width(int i) => (double)points[i]!["interval"]!["upper"]! - (double)points[i]!["interval"]!["lower"]!;
        foreach (var p in points)
        {
            double prediction = (double)p!["prediction"]!, lower = (double)p["interval"]!["lower"]!, upper = (double)p["interval"]!["upper"]!;
            Assert.True(lower < prediction && prediction < upper, $"{lower} {prediction} {upper}");
            Assert.Equal(0.8, (double)p["interval"]!["level"]!);
        }
        // Chinchilla scale lies 2.7 decades beyond the data (largest budget 1e21): a wider interval than inside it.
        Assert.True(Width(1) > Width(0));
    }

    [Fact]
    public void Predict_FromFitSavedWithBootstrap_GivesNewRunIntervalsThatCoverFreshRuns()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", NoisyRunsCsv());
        var fitPath = System.IO.Path.Combine(dir.Path, "fit.json");
        Assert.Equal(0, CliRunner.Run("fit", runs, "--bootstrap", "200", "--seed", "4", "--out", fitPath, "--json").Code);
        // Fresh runs at the same sizes with the same 1 % log-normal scatter: about 80 % of them must land in
        // the 80 % new-run interval; the interval for the mean, which leaves the scatter out, holds far fewer.
        var points = dir.File("fresh.csv", NoisyRunsCsv(seed: 99));
        var (code, output, error) = CliRunner.Run("predict", "--fit", fitPath, "--points", points, "--json");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var entries = System.Text.Json.Nodes.JsonNode.Parse(output)!["points"]!.AsArray();
        int inRun = 0, inMean = 0;
        foreach (var p in entries)
        {
            double actual = (double)p!["actual"]!;
            var run = p["predictive"]!;
            Assert.Equal("bootstrap-predictive", (string)run["method"]!);
            Assert.True((double)run["lower"]! <= (double)p["interval"]!["lower"]! && (double)p["interval"]!["upper"]! <= (double)run["upper"]!);
            if ((double)run["lower"]! <= actual && actual <= (double)run["upper"]!) inRun++;
            if ((double)p["interval"]!["lower"]! <= actual && actual <= (double)p["interval"]!["upper"]!) inMean++;
        }
        double share = (double)inRun / entries.Count;
        Assert.InRange(share, 0.65, 0.95);
        Assert.True(inMean < inRun, $"mean interval holds {inMean}, new-run interval {inRun} of {entries.Count}");
    }

    [Theory]
    [InlineData("--test-against", "alpha")]
    [InlineData("--test-against", "gamma=0.3")]
    [InlineData("--cluster-by", "group")]
    [InlineData("--interval", "bootstrap-t")]
    public void Fit_BadUncertaintyOption_IsOneLineErrorWithExitCode2(string option, string value)
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", NoisyRunsCsv());
        var (code, output, error) = CliRunner.Run("fit", runs, option, value);
        Assert.Equal(Program.BadInput, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
