namespace ScaleLab.Tests.Cli;

/// <summary>Every kind of bad input ends with exit code 2, one line on standard error naming file, row and column, and no file written.</summary>
public class BadInputTests
{
    private static void AssertBadInput(TempDirectory dir, string[] args, params string[] expected)
    {
        var outPath = dir.File("fit-out.json");
        var (code, output, error) = CliRunner.Run([.. args, "--out", outPath]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        foreach (var part in expected) Assert.Contains(part, line);
        Assert.False(File.Exists(outPath), "no file may be written on bad input");
    }

    [Theory]
    [InlineData("N,D,loss\n1e9,1e10,2.5\n1e9,abc,2.5\n", "row 2, column 'D'", "'abc' is not a number")]
    [InlineData("N,D,loss\nNaN,1e10,2.5\n", "row 1, column 'N'", "'NaN' is not allowed")]
    [InlineData("N,D,loss\n1e9,Infinity,2.5\n", "row 1, column 'D'", "infinite")]
    [InlineData("N,D,loss\n0,1e10,2.5\n", "row 1, column 'N'", "0 is not a positive number")]
    [InlineData("N,D,loss\n1e9,-1e10,2.5\n", "row 1, column 'D'", "-1e10 is not a positive number")]
    [InlineData("N,D,loss\n1e9,1e10,NaN\n", "row 1, column 'loss'", "'NaN' is not allowed")]
    [InlineData("N,D,loss\n1e9,1e10,-Infinity\n", "row 1, column 'loss'", "infinite")]
    [InlineData("", "the file is empty")]
    [InlineData("N,D,loss\n", "no data rows, only a header")]
    [InlineData("N,tokns,loss\n1e9,1e10,2.5\n", "no tokens D column", "did you mean 'tokens'?", "--tokens")]
    [InlineData("N,D,perplexity\n1e9,1e10,12\n", "no metric column", "'val_loss'", "--metric")]
    [InlineData("N,D,loss,val_loss\n1e9,1e10,2.5,2.6\n", "columns 'loss' and 'val_loss' both look like the metric", "--metric")]
    [InlineData("N,D,loss\n1e9,1e10,-2.5\n", "row 1, column 'loss'", "-2.5 is not above 0", "-linear objective")]
    [InlineData("N,D,loss\n1e9,1e10\n", "row 1", "has 2 fields but the header has 3")]
    public void Fit_BadCsv_ExitsTwoNamingTheProblem(string csv, params string[] expected)
    {
        using var dir = new TempDirectory();
        var path = dir.File("runs.csv", csv);
        AssertBadInput(dir, ["fit", path, "--starts", "5"], [path, .. expected]);
    }

    [Fact]
    public void Fit_MissingFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("absent.csv");
        AssertBadInput(dir, ["fit", path], path, "file not found");
    }

    [Fact]
    public void Fit_BadJsonAndJsonLines()
    {
        using var dir = new TempDirectory();
        var json = dir.File("runs.json", "{\"runs\": [{\"N\": 1e9, \"D\": 1e10, \"loss\": 2.5}, {\"N\": \"x\", \"D\": 1e10, \"loss\": 2.5}]}");
        AssertBadInput(dir, ["fit", json], json, "row 2, column 'N'", "'x' is not a number");
        var jsonl = dir.File("runs.jsonl", "{\"N\": 1e9, \"D\": 1e10, \"loss\": 2.5}\n{\"N\": 1e9, \"D\": 1e10, \"loss\": }\n");
        AssertBadInput(dir, ["fit", jsonl], jsonl, "row 2", "not valid JSON");
    }

    [Fact]
    public void Fit_MappingToAbsentColumn_SuggestsTheClosest()
    {
        using var dir = new TempDirectory();
        var path = dir.File("runs.csv", FitCommandTests.RunsCsv());
        AssertBadInput(dir, ["fit", path, "--metric", "los"], "column 'los'", "no such column (named for metric); did you mean 'loss'?");
    }

    [Fact]
    public void Fit_UnknownLaw_ListsKnownLaws()
    {
        using var dir = new TempDirectory();
        var path = dir.File("runs.csv", FitCommandTests.RunsCsv());
        AssertBadInput(dir, ["fit", path, "--law", "kaplan-2019"], "unknown law 'kaplan-2019'", "known: ", "chinchilla");
    }

    [Theory]
    [InlineData("--fix", "gamma=1", "law 'chinchilla' has no parameter 'gamma'")]
    [InlineData("--fix", "alpha", "--fix expects NAME=VALUE")]
    [InlineData("--fix", "alpha=0,34", "--fix expects NAME=VALUE")]
    [InlineData("--fix", "alpha=abc", "'abc' is not a finite number")]
    [InlineData("--tie", "alpha", "--tie expects NAME=NAME")]
    [InlineData("--bound", "alpha=1", "--bound expects NAME=LO:HI")]
    [InlineData("--bound", "alpha=1:0", "lower < upper")]
    [InlineData("--objective", "cubic-log", "unknown objective 'cubic-log'")]
    [InlineData("--drop-highest", "25", "would leave no rows")]
    public void Fit_BadOption_ExitsTwo(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.File("runs.csv", FitCommandTests.RunsCsv());
        AssertBadInput(dir, ["fit", path, "--starts", "5", option, value], expected);
    }

    [Fact]
    public void Predict_BadDocumentsAndPoints_ExitTwo()
    {
        using var dir = new TempDirectory();
        var wrong = dir.File("wrong.json", "{\"schema\": \"other/1\"}");
        var (code, _, error) = CliRunner.Run("predict", "--fit", wrong, "--params", "1e9", "--tokens", "1e10");
        Assert.Equal(2, code);
        Assert.Contains($"{wrong}, column 'schema': schema \"other/1\" is not supported (expected \"scalelab.fit/1\")", error);

        var fitPath = dir.File("fit.json");
        Assert.Equal(0, CliRunner.Run("fit", dir.File("runs.csv", FitCommandTests.RunsCsv()), "--starts", "5", "--out", fitPath).Code);
        foreach (var (args, expected) in new (string[], string)[]
        {
            (["--params", "1e9"], "law 'chinchilla' needs tokens D"),
            (["--params", "1e9,2e9,3e9", "--tokens", "1e10,2e10"], "--tokens has 2 values but another list has 3"),
            (["--params", "-1e9", "--tokens", "1e10"], "parameters N = -1E+09 is not a positive finite number"),
            (["--params", "1e9x", "--tokens", "1e10"], "--params: '1e9x' is not a finite number"),
            ([], "no points"),
        })
        {
            var result = CliRunner.Run(["predict", "--fit", fitPath, .. args]);
            Assert.Equal(2, result.Code);
            Assert.Contains(expected, result.Error);
            Assert.Equal("", result.Out);
        }
    }
}
