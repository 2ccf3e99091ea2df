using ScaleLab.Studies.Execution;
using ScaleLab.Sweeps.Definition;
using ScaleLab.Sweeps.Files;
using ScaleLab.Sweeps.Planning;

namespace ScaleLab.Tests.Sweeps;

/// <summary>Sweep files: the definition they give, the runs they expand to, and every malformed case with its line and column.</summary>
public sealed class SweepFileReaderTests
{
    public const string Valid = """
        name = "small"
        seed = 7

        [grid]
        kind = "isoflop"
        budgets = [1e17, 3e17]
        sizes_per_budget = 5

        [axes]
        lr = [1e-3, 3e-4]

        [command]
        run = "python train.py --n-params {params} --tokens {tokens} --lr {lr} --seed {seed} --out {out} --resume '{checkpoint_dir}'"
        environment = { RUN = "{run_id}-{attempt}" }
        timeout = "1h30m"

        [result]
        from = "file"

        [retry]
        attempts = 4
        exit_codes = [75]

        [slurm]
        partition = "gpu"
        time = "02:00:00"
        gpus_per_run = 1
        parallel = 8
        sbatch = ["--constraint=a100"]

        [fit]
        target_compute = 1e21
        """;

    [Fact]
    public void Parse_AValidFile_GivesTheDefinition()
    {
        var sweep = SweepFileReader.Parse(Valid, "/sweeps/small.toml");

        Assert.Equal("small", sweep.Name);
        Assert.Equal(7, sweep.Seed);
        var grid = Assert.IsType<IsoFlopGrid>(sweep.Grid);
        Assert.Equal([1e17, 3e17], grid.Budgets);
        Assert.Equal(5, grid.SizesPerBudget);
        Assert.Equal(IsoFlopGrid.DefaultSpread, grid.Spread);
        Assert.Equal(["0.001", "0.0003"], Assert.Single(sweep.Axes).Values);
        Assert.Equal(ResultSource.File, sweep.Result);
        Assert.Equal(TimeSpan.FromMinutes(90), sweep.Timeout);
        Assert.Equal(4, sweep.Retry.MaxAttempts);
        Assert.Contains(75, sweep.Retry.RetryableExitCodes);
        Assert.Equal("gpu", sweep.Slurm.Partition);
        Assert.Equal(TimeSpan.FromHours(2), sweep.Slurm.Time);
        Assert.Equal(8, sweep.Slurm.Parallel);
        Assert.Equal(["--constraint=a100"], sweep.Slurm.ExtraOptions);
        Assert.Equal(1e21, sweep.TargetCompute);
        Assert.Equal(["python", "train.py", "--n-params", "{params}"], sweep.Command.Arguments.Take(4).Select(a => a.Text));
    }

    [Fact]
    public void Plan_IsoFlop_PlacesSizesAroundThePublishedOptimum_SpendingEachBudget()
    {
        var sweep = SweepFileReader.Parse(Valid, "/sweeps/small.toml");

        var plan = SweepPlanner.Plan(sweep, HoffmannPrior.Law);

        // 2 budgets × 5 sizes × 2 learning rates.
        Assert.Equal(20, plan.Runs.Count);
        Assert.Equal(20, plan.Runs.Select(r => r.Key).Distinct().Count());
        foreach (var budget in new[] { 1e17, 3e17 })
        {
            var points = plan.Runs.Select(SweepPlan.PointOf).Where(p => p.Budget == budget && p.Values["lr"] == "0.001").OrderBy(p => p.Parameters).ToArray();
            Assert.Equal(5, points.Length);
            // Hoffmann et al.'s closed form N* = G (C/6)^a (eq. 4) at the published parameters; the middle size is the optimum, the ends 4x off.
            double optimum = ScaleLab.Planning.ComputeOptimalPlanner.ForCompute(HoffmannPrior.Law, budget).Parameters;
            Assert.Equal(Math.Round(optimum), points[2].Parameters);
            Assert.Equal(optimum / 4, points[0].Parameters, optimum * 1e-3);
            Assert.Equal(optimum * 4, points[4].Parameters, optimum * 1e-3);
            Assert.All(points, p => Assert.Equal(budget, 6 * p.Parameters * p.Tokens, budget * 1e-5));
        }
        // Seeds come from the sweep seed and the run, so they are the same on every expansion.
        var again = SweepPlanner.Plan(SweepFileReader.Parse(Valid, "/elsewhere/small.toml"), HoffmannPrior.Law);
        Assert.Equal(plan.Runs.Select(r => (r.Key, r.Seed)), again.Runs.Select(r => (r.Key, r.Seed)));
    }

    [Fact]
    public void Values_FillEveryPlaceholder_AndTheCommandIsSplitLikeAShellLine()
    {
        var sweep = SweepFileReader.Parse(Valid, "/sweeps/small.toml");
        var run = SweepPlanner.Plan(sweep, HoffmannPrior.Law).Runs[0];

        var values = SweepPlanner.Values(run, 2, "/r/result.json", "/r/checkpoint dir");
        var command = sweep.Command.Expand(values);

        var point = SweepPlan.PointOf(run);
        Assert.Equal(["python", "train.py", "--n-params", SweepFileReader.Number(point.Parameters), "--tokens", SweepFileReader.Number(point.Tokens),
            "--lr", "0.001", "--seed", run.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", "/r/result.json", "--resume", "/r/checkpoint dir"], command);
        Assert.Equal($"{run.Key[..12]}-2", TemplateText.Parse(sweep.Environment["RUN"], null, []).Expand(values));
    }

    [Fact]
    public void EveryMalformedCase_IsReportedAtOnce_WithLineColumnAndNearMiss()
    {
        const string text = """
            name = "broken"

            [grid]
            kind = "isoflop"
            budgts = [1e18]
            budgets = [1e17, -3e17, 0]
            sizes_per_budget = "seven"

            [axes]
            params = [1, 2]
            lr = []
            batch = [32, 64]

            [command]
            run = "python train.py --tokens {tokens} --lr {lrr} --out {out}"

            [result]
            from = "files"

            [retry]
            atempts = 3
            """;

        var error = Assert.Throws<SweepFileException>(() => SweepFileReader.Parse(text, "broken.toml"));

        var lines = error.Errors.Select(e => e.ToString()).ToArray();
        string[] expected =
        [
            "broken.toml:5:1: unknown key 'budgts' in an isoflop grid: did you mean 'budgets'?",
            "broken.toml:6:18: a budget in 'budgets' is -3E+17: it must be a positive number",
            "broken.toml:6:25: a budget in 'budgets' is 0: it must be a positive number",
            "broken.toml:7:20: 'sizes_per_budget' must be a whole number, not text",
            "broken.toml:10:1: axis 'params' shadows the placeholder {params} (model size N): choose another name",
            "broken.toml:11:6: axis 'lr' has no values: the grid would be empty",
            "broken.toml:12:1: missing placeholder {batch}: axis 'batch' is not used by the command, its environment or its directory",
            "broken.toml:15:7: missing placeholder {params}: the command never receives the run's model size N",
            "broken.toml:15:47: unknown placeholder {lrr}: the placeholders are {params}, {tokens}, {budget}, {seed}, {run_id}, {out}, {checkpoint_dir}, {attempt}, {batch}",
            "broken.toml:18:8: result 'from' 'files' is not one of stdout, file; did you mean 'file'?",
            "broken.toml:21:1: unknown key 'atempts' in [retry]: did you mean 'attempts'?",
        ];
        Assert.True(expected.SequenceEqual(lines), string.Join("\n", lines));
    }
}
