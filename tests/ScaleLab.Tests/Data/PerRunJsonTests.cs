using ScaleLab.Data;
using ScaleLab.Data.Paths;
using ScaleLab.Serialization;
using ScaleLab.Tests.Cli;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Data;

/// <summary>Folders and globs of per-run JSON files, nested fields bound by path, selectors over lists.</summary>
public class PerRunJsonTests
{
    private static string Run(int i, double n, double loss) => $$"""
        {"name": "run-{{i}}", "hyperparameters": {"params": {{n}}, "tokens": 1e10, "lr": 0.003},
         "results": [{"val_data": ["data/c4_val/shard.tar"], "loss": {{loss}}}, {"val_data": ["data/paloma_c4_en/0.tar"], "loss": {{loss + 0.3}}}]}
        """;

    private static TempDirectory Runs()
    {
        var dir = new TempDirectory();
        double[] n = [1e8, 2e8, 4e8, 8e8, 1.6e9, 3.2e9];
        double[] loss = [3.1, 2.95, 2.82, 2.71, 2.61, 2.52];
        Directory.CreateDirectory(Path.Combine(dir.Path, "runs"));
        for (int i = 0; i < n.Length; i++) File.WriteAllText(Path.Combine(dir.Path, "runs", $"run-{i}.json"), Run(i, n[i], loss[i]));
        return dir;
    }

    private static string[] Fit(string input, params string[] extra) =>
        ["fit", input, "--law", "kaplan-n", "--params", "hyperparameters.params", "--tokens", "hyperparameters.tokens", "--metric", "results[val_data*=c4_val].loss", "--json", .. extra];

    [Fact]
    public void GlobAndFolder_ReadOneRowPerFile_WithPathsAndSelectors()
    {
        using var dir = Runs();
        var glob = Path.Combine(dir.Path, "runs", "*.json");
        var (code, output, error) = CliRunner.Run(Fit(glob));
        Assert.True(code == 0, error);
        var document = FitDocument.Parse(output, "stdout");
        Assert.Equal(6, document.Input.Rows);
        Assert.Equal(glob, document.Input.Path);
        Assert.Contains(document.Diagnostics, d => d.Code == "columns" && d.Message.Contains("metric = 'results[val_data*=c4_val].loss'"));
        var folder = CliRunner.Run(Fit(Path.Combine(dir.Path, "runs")));
        Assert.Equal(0, folder.Code);
        Assert.Equal(document.Parameters, FitDocument.Parse(folder.Out, "stdout").Parameters);
        // --var binds the same nested fields, and an index selects by position.
        var byVar = CliRunner.Run("fit", glob, "--law", "kaplan-n", "--var", "N=hyperparameters.params", "--var", "D=hyperparameters.tokens", "--metric", "results[0].loss", "--json");
        Assert.Equal(0, byVar.Code);
        Assert.Equal(document.Parameters, FitDocument.Parse(byVar.Out, "stdout").Parameters);
    }

    [Theory]
    [InlineData("results.loss", "the path matches 2 values (results[0].loss, results[1].loss)")]
    [InlineData("results[val_data*=wikitext].loss", "no element of 'results' has val_data containing 'wikitext' (its values are 'data/c4_val/shard.tar', 'data/paloma_c4_en/0.tar')")]
    [InlineData("result[0].loss", "the row has no key 'result'; did you mean 'results'?")]
    [InlineData("results[5].loss", "'results' has 2 elements, so [5] is outside it")]
    public void Path_MatchingNothingOrSeveral_NamesFileAndWhy(string metric, string expected)
    {
        using var dir = Runs();
        var (code, output, error) = CliRunner.Run("fit", Path.Combine(dir.Path, "runs", "*.json"), "--params", "hyperparameters.params", "--tokens", "hyperparameters.tokens", "--metric", metric);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"run-0.json, column '{metric}': {expected}", error);
    }

    [Theory]
    [InlineData("results[val_data=c4", "']' expected")]
    [InlineData("a..b", "a key is missing before '.'")]
    [InlineData("results[]", "an index, a quoted key or KEY=VALUE is expected")]
    public void Path_Malformed_SaysWhere(string path, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => JsonPath.Parse(path)).Message);

    [Fact]
    public void GlobMatchingNothing_AndANonJsonFile_AreErrors()
    {
        using var dir = Runs();
        Assert.Contains("no file matches", CliRunner.Run("fit", Path.Combine(dir.Path, "runs", "*.jsn")).Error);
        File.WriteAllText(Path.Combine(dir.Path, "runs", "notes.txt"), "x");
        Assert.Contains("notes.txt: a folder or glob reads per-run JSON files", CliRunner.Run("fit", Path.Combine(dir.Path, "runs", "*")).Error);
    }

    [SkippableFact]
    public void OvertrainingGadre_ReadStraightFromItsJsonFiles()
    {
        var models = SharedData.File("overtraining-gadre/models");
        Skip.If(models is null, SharedData.Missing);
        var set = ObservationReader.Read(Path.Combine(models!, "*.json"), new ReadOptions
        {
            Mapping = new ColumnMapping { Metric = "results[val_data*=c4_val].loss" }
                .Bind(ScaleVariable.Parameters, "hyperparameters.params").Bind(ScaleVariable.Tokens, "hyperparameters.tokens")
                .Bind(ScaleVariable.Named("M"), "hyperparameters.chinchilla_multiplier"),
        });
        Assert.Equal(104, set.Count);
        // The first file, c4_original-d=1024_l=24_h=8-0.25.json, holds params 411616256, tokens 2058081280 and a C4 validation loss 3.5279492850157737.
        var first = set.Observations[0];
        Assert.Equal(411616256, first.Parameters.Value);
        Assert.Equal(2058081280, first.Tokens.Value);
        Assert.Equal(3.5279492850157737, first.Metric);
        Assert.Equal(0.25, set.Values(ScaleVariable.Named("M"))[0]);
        Assert.Equal("c4_original-d=1024_l=24_h=8-0.25", first.RunId);
        var data = ScalingData.From(set, [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Named("M")]);
        Assert.Equal(0.25, data.Values(ScaleVariable.Named("M"))[0]);
    }
}
