using System.Globalization;
using ScaleLab.Serialization;

namespace ScaleLab.Tests.Cli;

/// <summary>An error-severity diagnostic never sits beside "converged" and exit code 0, and no non-finite number is printed as a result.</summary>
public sealed class ErrorStatusTests
{
    [Theory]
    [InlineData("N,D,loss\n1e9,2e10,2.5\n")]
    [InlineData("N,D,loss\n1e8,2e9,3.1\n1e9,2e10,2.5\n1e8,2e10,2.9\n1e9,2e9,2.7\n")]
    public void Fit_OfTooFewRuns_IsNotConvergedAndExitsNonZero(string csv)
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", csv);
        var (code, output, _) = CliRunner.Run("fit", runs, "--json");
        Assert.NotEqual(0, code);
        var document = FitDocument.Parse(output, "stdout");
        Assert.Contains(document.Diagnostics, d => d.Severity == "error");
        Assert.NotEqual("converged", document.Status);
        Assert.All(document.Derived.Values, v => Assert.True(double.IsFinite(v), v.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Fit_OfAConstantLoss_ReportsNoNaN()
    {
        using var dir = new TempDirectory();
        var rows = new System.Text.StringBuilder("N,D,loss\n");
        foreach (var n in new[] { 1e8, 3e8, 1e9, 3e9 }) foreach (var d in new[] { 2e9, 2e10, 2e11 }) rows.Append(CultureInfo.InvariantCulture, $"{n},{d},2.5\n");
        var runs = dir.File("runs.csv", rows.ToString());
        var (code, output, error) = CliRunner.Run("fit", runs);
        Assert.DoesNotContain("NaN", output);
        Assert.DoesNotContain("Infinity", output);
        // The law reproduces a constant exactly with zero exponents, so D_opt is undefined: said as an error, with exit 1.
        Assert.Contains("error [derived-not-finite]", output);
        Assert.Equal(1, code);
        Assert.DoesNotContain("Unhandled", error);
    }

    [Fact]
    public void Fit_WithEveryParameterFixed_EvaluatesTheLaw()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", FitCommandTests.RunsCsv());
        var (code, output, error) = CliRunner.Run("fit", runs, "--fix", "E=1.69", "A=406.4", "B=410.7", "alpha=0.34", "beta=0.28");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("Status: converged (every parameter fixed: the law evaluated at them)", output);
        // The objective at Hoffmann et al.'s eq. 10 values on data made from them (perturbed by at most 0.2 %): small, not zero.
        Assert.Matches(@"Objective: huber-log \(delta=0.001\) = \d", output);
    }
}
