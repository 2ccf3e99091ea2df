using System.Text.Json;
using ScaleLab.Quantities;
using ScaleLab.Serialization;

namespace ScaleLab.Tests.Cli;

public class DemoCommandTests
{
    [Fact]
    public void Demo_FitsTheSyntheticStudyAndPredictsChinchilla_Deterministically()
    {
        var (code, output, error) = CliRunner.Run("demo", "--json");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(DemoDocument.SchemaId, root.GetProperty("schema").GetString());
        Assert.StartsWith("SYNTHETIC", root.GetProperty("data").GetString());
        var fit = FitDocument.Parse(root.GetProperty("fit").GetRawText(), "demo");
        Assert.Equal(63, fit.Input.Rows);
        Assert.Equal(4500, fit.Starts);
        Assert.NotEqual("failed", fit.Status);
        var prediction = root.GetProperty("predictions")[0];
        double truth = prediction.GetProperty("true").GetDouble(), fitted = prediction.GetProperty("fitted").GetDouble();
        // SCIENCE.md §14 V11: L(70e9, 1.4e12) with Hoffmann's rounded parameters = 1.9366.
        Assert.Equal(1.9366, truth, 1.9366 * 1e-4);
        // 1 % noise on 63 runs: the fitted law's prediction two orders of magnitude in compute beyond the data stays within 5 %.
        Assert.InRange(fitted / truth, 0.95, 1.05);
        // The exponents of the synthetic truth are recovered to within a few hundredths.
        Assert.Equal(0.34, fit.Parameters["alpha"], 0.05);
        Assert.Equal(0.28, fit.Parameters["beta"], 0.05);

        var human = CliRunner.Run("demo");
        Assert.Equal(0, human.Code);
        Assert.Contains("SYNTHETIC DATA, not measurements", human.Out);
        Assert.Contains($"fitted law {Quantity.Format(fitted)}, true law {Quantity.Format(truth)}", human.Out);
        Assert.Contains("| alpha", human.Out);
    }
}
