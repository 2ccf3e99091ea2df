using ScaleLab.Diagnostics;
using ScaleLab.Quantities;
using ScaleLab.Store;
using ScaleLab.Studies.Execution;

namespace ScaleLab.Tests.Studies;

public sealed class ResultDocumentTests
{
    [Fact]
    public void WrittenAndReadBack_GivesTheSameOutcome_NonFiniteMetricsIncluded()
    {
        var outcome = new RunOutcome
        {
            Parameters = ParameterCount.Of(369), ParameterCounting = "all trainable parameters",
            Tokens = TokenCount.Of(256), TokenUnit = "samples", Compute = Flops.Of(6.5e6), ComputeCounting = "measured",
            Train = new Dictionary<string, double> { ["mse"] = 0.25 },
            HeldOut = new Dictionary<string, double> { ["mse"] = 0.1 + 0.2, ["lossStandardError"] = double.NaN },
            Ending = "early-stopped", Steps = 40,
            Diagnostics = [Diagnostic.Warning("still-improving", "validation MSE still improved")],
        };

        string line = ResultDocument.Write(outcome, "mse", new System.Text.Json.Nodes.JsonObject { ["kind"] = "deep-teacher-student" });
        var back = ResultDocument.Parse(line);

        Assert.DoesNotContain('\n', line);
        Assert.Equal(outcome.Parameters, back.Parameters);
        Assert.Equal(outcome.Tokens, back.Tokens);
        Assert.Equal(outcome.Compute, back.Compute);
        Assert.Equal((outcome.ParameterCounting, outcome.TokenUnit, outcome.ComputeCounting, outcome.Ending, outcome.Steps),
            (back.ParameterCounting, back.TokenUnit, back.ComputeCounting, back.Ending, back.Steps));
        // Bit for bit: a result that crosses a process must fit exactly as one trained in process.
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.1 + 0.2), BitConverter.DoubleToInt64Bits(back.HeldOut["mse"]));
        Assert.True(double.IsNaN(back.HeldOut["lossStandardError"]));
        Assert.Equal(0.25, back.Train["mse"]);
        Assert.Equal(outcome.Diagnostics, back.Diagnostics);
    }

    [Fact]
    public void ATrainingScriptsPlainLine_IsRead_WithCFromSixND()
    {
        var outcome = ResultDocument.Parse("""{"loss": 2.31, "eval/accuracy": 0.4, "parameters": 1.2e8, "tokens": 2.4e9, "seed": 3, "wallSeconds": 100}""");

        Assert.Equal(new Dictionary<string, double> { ["loss"] = 2.31, ["eval/accuracy"] = 0.4 }, outcome.HeldOut);
        Assert.Equal(6 * 1.2e8 * 2.4e9, outcome.Compute!.Value.Value);
        Assert.Equal(RunOutcome.SixND, outcome.ComputeCounting);
    }

    [Theory]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("""{"parameters": 100}""", "holds no metric")]
    [InlineData("""{"loss": 1}""", "no 'parameters'")]
    [InlineData("""{"loss": 1, "parameters": -5}""", "'parameters' is -5")]
    [InlineData("""{"loss": 1, "parameters": 5, "tokens": "many"}""", "cannot be read")]
    [InlineData("""{"schema": "scalelab.fit/1", "loss": 1, "parameters": 5}""", "schema 'scalelab.fit/1'")]
    [InlineData("""{"metrics": [1], "parameters": 5}""", "'metrics' is not an object")]
    [InlineData("{\"loss\": 1, \"parameters\": 5", "cannot be read")]
    public void AnythingElse_IsRejectedWithWhatIsWrong(string json, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => ResultDocument.Parse(json));
        Assert.Contains(message, error.Message);
    }
}
