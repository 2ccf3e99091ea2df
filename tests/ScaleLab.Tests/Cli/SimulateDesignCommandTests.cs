using System.Text.Json;

namespace ScaleLab.Tests.Cli;

public class SimulateDesignCommandTests
{
    private static readonly string[] Small =
        ["simulate-design", "--law", "chinchilla", "--pool", "grid", "--replicates", "2", "--budget-fraction", "0.05", "--starts", "4", "--json"];

    [Fact]
    public void SimulateDesign_Json_ScoresEveryStrategy_SameForAnyThreadCount()
    {
        var one = CliRunner.Run([.. Small, "--threads", "1"]);
        Assert.True(one.Code == 0, one.Error);
        var two = CliRunner.Run([.. Small, "--threads", "2"]);
        Assert.Equal(one.Out, two.Out);
        using var doc = JsonDocument.Parse(one.Out);
        var root = doc.RootElement;
        Assert.Equal("scalelab.simulate-design/1", root.GetProperty("schema").GetString());
        Assert.Empty(SuggestCommandTests.Schemas.Validate(root, "scalelab.simulate-design/1"));
        var scores = root.GetProperty("scores").EnumerateArray().ToArray();
        Assert.Equal(["random", "cheapest-first", "cost-weighted-random", "d-optimal", "v-optimal", "scalelab"],
            scores.Select(s => s.GetProperty("strategy").GetString()));
        foreach (var s in scores)
        {
            Assert.Equal("chinchilla/grid", s.GetProperty("scenario").GetString());
            Assert.Equal(2, s.GetProperty("replicates").GetInt32());
            Assert.True(s.GetProperty("rmsle").GetProperty("mean").GetDouble() > 0);
            Assert.True(s.GetProperty("rSquared").TryGetProperty("sd", out _));
            Assert.InRange(s.GetProperty("spent").GetDouble(), 0, 0.05 + 1e-12);
        }
        var scenario = root.GetProperty("scenarios")[0];
        Assert.Equal(64, scenario.GetProperty("poolSize").GetInt32());
        Assert.Equal(7, scenario.GetProperty("targetSize").GetInt32());
        Assert.Equal(1, root.GetProperty("scaleLabWins").GetArrayLength());
    }

    [Fact]
    public void SimulateDesign_Checkpoint_ResumesWithTheSameResultAndRefusesOtherSettings()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sim.json");
        var first = CliRunner.Run([.. Small, "--checkpoint", path]);
        Assert.True(first.Code == 0, first.Error);
        using (var saved = JsonDocument.Parse(File.ReadAllText(path)))
        {
            Assert.Equal(12, saved.RootElement.GetProperty("tasks").GetArrayLength());
        }
        Assert.False(File.Exists(path + ".tmp"));
        // Every task is in the file, so the rerun computes nothing and prints the same table.
        var again = CliRunner.Run([.. Small, "--checkpoint", path]);
        Assert.Equal(first.Out, again.Out);
        var other = CliRunner.Run([.. Small, "--checkpoint", path, "--seed", "9"]);
        Assert.Equal(2, other.Code);
        Assert.Contains(path, other.Error);
        Assert.Contains("other settings", other.Error);
    }

    [Fact]
    public void SimulateDesign_Table_SaysWhetherScaleLabWins()
    {
        var (code, output, error) = CliRunner.Run("simulate-design", "--law", "chinchilla", "--pool", "grid", "--replicates", "1", "--budget-fraction", "0.05", "--starts", "4");
        Assert.True(code == 0, error);
        Assert.Contains("cost-weighted-random", output);
        Assert.Contains("ScaleLab beats every baseline on average", output);
    }

    [Theory]
    [InlineData("--replicates 0", "--replicates must be at least 1")]
    [InlineData("--budget-fraction 1.5", "--budget-fraction values must be in (0, 1]")]
    [InlineData("--law chinchilla --pool spiral", "--pool: unknown pool shape 'spiral'")]
    [InlineData("--law bnsl --pool isoflop", "--pool isoflop needs a law of N and D")]
    [InlineData("--law chinchilla --truth E=1.69,A=406.4", "--truth: law 'chinchilla' needs parameter 'B'")]
    [InlineData("--law kaplan", "--truth is needed for law 'kaplan'")]
    [InlineData("--pool grid", "need --law")]
    public void SimulateDesign_BadOption_ExitsTwo(string options, string expected)
    {
        var (code, output, error) = CliRunner.Run(["simulate-design", .. options.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(expected, error);
    }
}
