using System.Globalization;
using System.Text;
using System.Text.Json;
using ScaleLab.Data;
using ScaleLab.Design;
using ScaleLab.Laws;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Cli;

public class SuggestCommandTests
{
    internal static readonly JsonSchemaValidator Schemas = JsonSchemaValidator.Load(Path.Combine(AppContext.BaseDirectory, "schemas"));

    /// <summary>Nine runs on the 1e18 … 1e19 IsoFLOP budgets from Hoffmann et al.'s law with a deterministic 1 % scatter.</summary>
    private static string RunsCsv()
    {
        var law = ChinchillaLaw.Instance;
        var theta = law.FromNamed(DesignScenarios.Hoffmann);
        var csv = new StringBuilder("N,D,loss\n");
        int k = 0;
        foreach (var c in CandidatePool.IsoFlopGrid([1e18, 3e18, 1e19], sizes: 3))
        {
            var loss = law.Predict(theta, ScalingData.From([c.Point]))[0] * Math.Exp(0.01 * Math.Sin(7 * k++));
            csv.Append(CultureInfo.InvariantCulture, $"{c.Point.Parameters.Value:R},{c.Point.Tokens.Value:R},{loss:R}\n");
        }
        return csv.ToString();
    }

    /// <summary>Sixteen candidates on four larger budgets, with ids and a cost column (6ND).</summary>
    private static string PoolCsv()
    {
        var csv = new StringBuilder("id,N,D,gpu_cost\n");
        foreach (var c in CandidatePool.IsoFlopGrid([3e19, 1e20, 3e20, 1e21], sizes: 4))
        {
            csv.Append(CultureInfo.InvariantCulture, $"run{c.Row},{c.Point.Parameters.Value:R},{c.Point.Tokens.Value:R},{c.Cost:R}\n");
        }
        return csv.ToString();
    }

    private static (TempDirectory Dir, string Runs, string Pool, string Target) Files()
    {
        var dir = new TempDirectory();
        return (dir, dir.File("runs.csv", RunsCsv()), dir.File("pool.csv", PoolCsv()), dir.File("target.csv", "N,D,loss\n5e9,3.3e11,2.1\n1e10,1.7e11,2.1\n"));
    }

    [Fact]
    public void Suggest_Json_HasTheDocumentedSchema()
    {
        var (dir, runs, pool, target) = Files();
        using var scope = dir;
        var (code, output, error) = CliRunner.Run("suggest", runs, "--law", "chinchilla", "--candidates", pool, "--target", target,
            "--budget", "2e21", "--starts", "8", "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("scalelab.suggest/1", root.GetProperty("schema").GetString());
        var errors = Schemas.Validate(root, "scalelab.suggest/1");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var selected = root.GetProperty("selected").EnumerateArray().ToArray();
        Assert.NotEmpty(selected);
        var poolLines = File.ReadAllLines(pool);
        double spent = 0;
        foreach (var s in selected)
        {
            int row = s.GetProperty("row").GetInt32();
            // row is the 0-based data row of the candidate file, and the id column is kept.
            Assert.Equal(poolLines[row + 1].Split(',')[0], s.GetProperty("id").GetString());
            var variables = s.GetProperty("variables");
            Assert.Equal(double.Parse(poolLines[row + 1].Split(',')[1], CultureInfo.InvariantCulture), variables.GetProperty("parameters").GetDouble());
            Assert.True(variables.TryGetProperty("tokens", out _) && variables.TryGetProperty("compute", out _));
            Assert.True(s.GetProperty("cost").GetDouble() > 0);
            Assert.True(s.GetProperty("expectedGain").GetDouble() >= 0);
            spent += s.GetProperty("cost").GetDouble();
        }
        Assert.Equal(spent, root.GetProperty("spent").GetDouble(), spent * 1e-12);
        Assert.True(spent <= 2e21 * (1 + 1e-12));
        var interval = root.GetProperty("expectedTargetInterval");
        Assert.Equal(0.8, interval.GetProperty("level").GetDouble());
        Assert.Equal(2, interval.GetProperty("points").GetArrayLength());
        Assert.True(interval.GetProperty("rmsLogSdAfter").GetDouble() < interval.GetProperty("rmsLogSd").GetDouble());
        Assert.NotEmpty(root.GetProperty("basins").EnumerateArray());
    }

    [Fact]
    public void Suggest_SameSeed_SameOutputForAnyThreadCount()
    {
        var (dir, runs, pool, target) = Files();
        using var scope = dir;
        string[] args = ["suggest", runs, "--candidates", pool, "--target", target, "--budget", "2e21", "--starts", "8", "--seed", "5", "--json"];
        var one = CliRunner.Run([.. args, "--threads", "1"]);
        var two = CliRunner.Run([.. args, "--threads", "2"]);
        Assert.Equal(0, one.Code);
        Assert.Equal(one.Out, two.Out);
    }

    [Fact]
    public void Suggest_CostColumnAndCostExpression_AreTheCostsUsed()
    {
        var (dir, runs, pool, target) = Files();
        using var scope = dir;
        var byColumn = CliRunner.Run("suggest", runs, "--candidates", pool, "--target", target, "--k", "2", "--cost-column", "gpu_cost", "--starts", "8", "--json");
        Assert.True(byColumn.Code == 0, byColumn.Error);
        using var doc = JsonDocument.Parse(byColumn.Out);
        var lines = File.ReadAllLines(pool);
        foreach (var s in doc.RootElement.GetProperty("selected").EnumerateArray())
        {
            var cell = lines[s.GetProperty("row").GetInt32() + 1].Split(',')[3];
            Assert.Equal(double.Parse(cell, CultureInfo.InvariantCulture), s.GetProperty("cost").GetDouble());
        }
        var byExpression = CliRunner.Run("suggest", runs, "--candidates", pool, "--target", target, "--k", "1", "--cost", "N", "--cost-power", "0", "--starts", "8", "--json");
        using var doc2 = JsonDocument.Parse(byExpression.Out);
        var first = doc2.RootElement.GetProperty("selected")[0];
        Assert.Equal(first.GetProperty("variables").GetProperty("parameters").GetDouble(), first.GetProperty("cost").GetDouble());
    }

    [Fact]
    public void Suggest_GeneratedIsoFlopGrid_WithComputeOptimalTarget()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", RunsCsv());
        var (code, output, error) = CliRunner.Run("suggest", runs, "--law", "chinchilla", "--grid", "isoflop", "--budgets", "1e19,3e19,1e20",
            "--target-compute", "1e24", "--quantity", "N_opt", "--k", "3", "--starts", "8", "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Empty(Schemas.Validate(doc.RootElement, "scalelab.suggest/1"));
        Assert.Equal(3, doc.RootElement.GetProperty("selected").GetArrayLength());
        var interval = doc.RootElement.GetProperty("expectedTargetInterval");
        Assert.Equal("N_opt", interval.GetProperty("quantity").GetString());
        Assert.Equal(1e24, interval.GetProperty("points")[0].GetProperty("variables").GetProperty("compute").GetDouble());
        double estimate = interval.GetProperty("estimate").GetDouble();
        Assert.InRange(estimate, interval.GetProperty("lower").GetDouble(), interval.GetProperty("upper").GetDouble());
        Assert.All(doc.RootElement.GetProperty("selected").EnumerateArray(), s => Assert.StartsWith("C=", s.GetProperty("id").GetString()));
    }

    [Fact]
    public void Suggest_Table_ListsTheRunsAndTheInterval()
    {
        var (dir, runs, pool, target) = Files();
        using var scope = dir;
        var (code, output, error) = CliRunner.Run("suggest", runs, "--candidates", pool, "--target", target, "--k", "2", "--starts", "8");
        Assert.True(code == 0, error);
        Assert.Contains("expected gain", output);
        Assert.Contains("80 % interval", output);
        Assert.Contains("basin 0", output);
    }

    private static void AssertBadInput((int Code, string Out, string Error) result, params string[] expected)
    {
        Assert.Equal(2, result.Code);
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        foreach (var part in expected) Assert.Contains(part, line);
    }

    [Fact]
    public void Suggest_PoolWithoutTokens_NamesTheFileAndTheColumn()
    {
        var (dir, runs, _, target) = Files();
        using var scope = dir;
        var pool = dir.File("bad-pool.csv", "id,N,tokns\na,1e9,2e10\n");
        AssertBadInput(CliRunner.Run("suggest", runs, "--candidates", pool, "--target", target, "--k", "1"), pool, "no tokens D column", "did you mean 'tokens'?");
    }

    [Fact]
    public void Suggest_BadCostCell_NamesFileRowAndColumn()
    {
        var (dir, runs, _, target) = Files();
        using var scope = dir;
        var pool = dir.File("bad-cost.csv", "id,N,D,gpu_cost\na,1e9,2e10,5\nb,2e9,2e10,lots\n");
        AssertBadInput(CliRunner.Run("suggest", runs, "--candidates", pool, "--target", target, "--k", "1", "--cost-column", "gpu_cost"),
            pool, "row 2", "column 'gpu_cost'", "'lots' is not a number");
        AssertBadInput(CliRunner.Run("suggest", runs, "--candidates", pool, "--target", target, "--k", "1", "--cost-column", "dollars"),
            pool, "column 'dollars'", "no such cost column");
    }

    [Fact]
    public void Suggest_BudgetBelowTheCheapestCandidate_NamesItsRow()
    {
        var (dir, runs, _, target) = Files();
        using var scope = dir;
        var pool = dir.File("pool3.csv", "id,N,D\na,1e9,2e10\nb,2e9,2e10\nc,1e8,2e10\n");
        AssertBadInput(CliRunner.Run("suggest", runs, "--candidates", pool, "--target", target, "--budget", "1e18"),
            pool, "row 3", "the cheapest candidate costs 1.2E+19", "--budget 1E+18");
    }

    [Theory]
    [InlineData("--k", "0", "--k must be at least 1")]
    [InlineData("--k", "-2", "--k must be at least 1")]
    [InlineData("--budget", "-5", "--budget must be a positive cost")]
    [InlineData("--cost", "6*N*Q", "--cost: cost '6*N*Q'", "column 5")]
    public void Suggest_BadOption_ExitsTwo(string option, string value, params string[] expected)
    {
        var (dir, runs, pool, target) = Files();
        using var scope = dir;
        string[] limit = option == "--k" ? [] : ["--k", "1"];
        AssertBadInput(CliRunner.Run(["suggest", runs, "--candidates", pool, "--target", target, .. limit, option, value]), expected);
    }

    [Fact]
    public void Suggest_UnknownQuantity_ExitsTwoBeforeReadingFiles()
    {
        using var dir = new TempDirectory();
        AssertBadInput(CliRunner.Run("suggest", dir.File("absent.csv"), "--grid", "isoflop", "--budgets", "1e19", "--target-compute", "1e24", "--quantity", "L_opt", "--k", "1"),
            "--quantity: unknown quantity 'L_opt'", "loss, N_opt or D_opt");
    }

    [Fact]
    public void Suggest_TargetWithoutTheLawsVariables_NamesTheFile()
    {
        var (dir, runs, pool, _) = Files();
        using var scope = dir;
        var target = dir.File("bad-target.csv", "N,loss\n1e10,2\n");
        AssertBadInput(CliRunner.Run("suggest", runs, "--candidates", pool, "--target", target, "--k", "1"), target, "no tokens D column");
    }

    [Fact]
    public void Suggest_DefaultCostOverAVariableTheCandidatesLack_ExitsTwo()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("curve.csv", "D,loss\n1e7,3.1\n3e7,2.9\n1e8,2.7\n3e8,2.6\n1e9,2.45\n3e9,2.4\n1e10,2.3\n");
        var pool = dir.File("sizes.csv", "D\n2e10\n5e10\n");
        var target = dir.File("far.csv", "D\n1e11\n");
        AssertBadInput(CliRunner.Run("suggest", runs, "--law", "bnsl", "--objective", "squared-log", "--candidates", pool, "--target", target, "--k", "1"),
            pool, "row 1", "the cost 6*N*D needs", "--cost");
        var ok = CliRunner.Run("suggest", runs, "--law", "bnsl", "--objective", "squared-log", "--candidates", pool, "--target", target, "--k", "1", "--cost", "D", "--json");
        Assert.True(ok.Code == 0, ok.Error);
    }
}
