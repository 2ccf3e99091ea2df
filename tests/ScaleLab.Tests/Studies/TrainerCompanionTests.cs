using System.Text.Json.Nodes;
using ScaleLab.Experiments.Companion;
using ScaleLab.Experiments.Theory;
using ScaleLab.Store;
using ScaleLab.Studies.Execution;
using ScaleLab.Tests.Cli;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Studies;

/// <summary>The training companion scalelab-train as a real subprocess: `scalelab train`, a study through the process executor, and how it is found.</summary>
public sealed class TrainerCompanionTests
{
    [SkippableFact]
    public void Train_ForwardsToTheCompanion_WhichWritesTheResultToOutAndAsTheLastLine()
    {
        Skip.If(Companion.Unavailable is not null, Companion.Unavailable);
        using var dir = new TempDirectory();
        var result = dir.File("r.json");
        string[] args = ["train", "teacher-student", "--width", "16", "--samples", "256", "--seed", "3", "--max-epochs", "5", "--out", result];

        var (code, stdout, stderr) = CliRunner.Run(args);

        Assert.True(code == 0, stderr);
        var written = File.ReadAllText(result).Trim();
        Assert.Equal(written, stdout.TrimEnd().Split('\n')[^1]);
        var outcome = ResultDocument.Parse(written);
        // A 4 → 16 → 16 → 1 ReLU network with biases: 4·16 + 16 + 16·16 + 16 + 16 + 1 trainable parameters, trained on D = 256.
        Assert.Equal(369, outcome.Parameters.Value);
        Assert.Equal(256, outcome.Tokens!.Value.Value);
        Assert.Equal("samples", outcome.TokenUnit);
        Assert.True(outcome.HeldOut["mse"] is > 0 and < 100, $"mse {outcome.HeldOut["mse"]}");
        var document = JsonNode.Parse(written)!;
        Assert.Equal("mse", (string?)document["metric"]);
        Assert.Equal(3, (long)document["configuration"]!["seed"]!);
        Assert.Equal(16, (int)document["configuration"]!["width"]!);

        // Another process, the same specification: the same numbers, bit for bit.
        var again = CliRunner.Run(args[..^2]);
        Assert.Equal(0, again.Code);
        var repeated = ResultDocument.Parse(again.Out.TrimEnd().Split('\n')[^1]);
        Assert.Equal(BitConverter.DoubleToInt64Bits(outcome.HeldOut["mse"]), BitConverter.DoubleToInt64Bits(repeated.HeldOut["mse"]));
    }

    [Theory]
    [InlineData(new[] { "train", "teacher-student", "--width", "abc" }, "error: --width: 'abc' is not a whole number")]
    [InlineData(new[] { "train", "teacher-student", "--width", "0" }, "error: width and depth must be ≥ 1 (got 0, 2)")]
    [InlineData(new[] { "train", "random-features", "--projection", "diagonal" }, "error: --projection: 'diagonal' is not one of coordinate, gaussian")]
    [InlineData(new[] { "train", "teacher-student", "--trainer", "/nonexistent/scalelab-train" }, "error: --trainer /nonexistent/scalelab-train: no such file")]
    [InlineData(new[] { "demo", "--trainer", "/nonexistent/scalelab-train", "--store", "STORE" }, "error: --trainer /nonexistent/scalelab-train: no such file")]
    public void BadTrainingCommandLines_ExitTwoWithOneLine_BeforeAnythingRuns(string[] args, string message)
    {
        using var dir = new TempDirectory();
        var store = dir.File("new.db");
        var (code, _, stderr) = CliRunner.Run([.. args.Select(a => a == "STORE" ? store : a)]);

        Assert.Equal(2, code);
        Assert.Equal(message, stderr.TrimEnd());
        Assert.False(File.Exists(store));
    }

    [SkippableFact]
    public void AStudy_TrainsEachRunAsACompanionProcess_StoresExactResults_AndARerunTrainsNothing()
    {
        Skip.If(Companion.Unavailable is not null, Companion.Unavailable);
        using var dir = new TempDirectory();
        var db = dir.File("scalelab.db");
        string[] args = ["experiment", "random-features", "--regime", "resolution-model", "--quick", "--store", db, "--workers", "2", "--resamples", "20", "--no-report"];

        var (code, stdout, stderr) = CliRunner.Run(args);

        Assert.True(code == 0, stderr + stdout);
        using (var store = RunStore.Open(db, TimeProvider.System))
        {
            var runs = store.Runs("random-features-seed1");
            Assert.Equal(5, runs.Count);
            foreach (var run in runs)
            {
                // Infinite data, coordinate projector: the trainer's loss is eq. 1 of Bahri et al. exactly, whichever process computed it.
                int p = (int)run.Outcome!.Parameters.Value;
                double exact = BahriTheory.CoordinateProjectorLoss(1_000_000, p, 0.5);
                Assert.Equal(exact, run.Outcome.HeldOut["loss"], exact * 1e-12);
                Assert.True(File.Exists(Path.Combine(dir.Path, "scalelab.runs", "random-features-seed1", run.RunId, "run.log")));
            }
        }
        Assert.Contains("resolution-limited, model (D = inf)", stdout);

        var (again, json, _) = CliRunner.Run([.. args, "--json"]);
        Assert.Equal(0, again);
        var document = JsonNode.Parse(json)!;
        Assert.Equal(0, (int)document["runs"]!["executed"]!);
        Assert.Equal(5, (int)document["runs"]!["skipped"]!);
    }

    [Fact]
    public void Locate_LooksAtTheOptionThenTheVariableThenBesideTheProgramThenPath_AndSaysHowToGetItWhenAbsent()
    {
        using var dir = new TempDirectory();
        string Companion(string folder, string name = TrainerCompanion.CommandName)
        {
            Directory.CreateDirectory(Path.Combine(dir.Path, folder));
            return dir.File(Path.Combine(folder, OperatingSystem.IsWindows() && !name.EndsWith(".dll", StringComparison.Ordinal) ? name + ".exe" : name), "");
        }
        var onPath = Companion("path");
        var beside = Companion("program", TrainerCompanion.CommandName + ".dll");
        var named = Companion("named");
        var given = Companion("given");
        var search = new CompanionSearch { PathDirectories = [Path.Combine(dir.Path, "empty"), Path.GetDirectoryName(onPath)!] };

        Assert.Equal(onPath, TrainerCompanion.Locate(null, search, out _)!.Path);
        Assert.Equal(beside, TrainerCompanion.Locate(null, search with { ProgramDirectory = Path.GetDirectoryName(beside) }, out _)!.Path);
        Assert.Equal(named, TrainerCompanion.Locate(null, search with { Variable = named }, out _)!.Path);
        Assert.Equal(given, TrainerCompanion.Locate(given, search with { Variable = named }, out _)!.Path);
        // A folder names the companion inside it.
        Assert.Equal(given, TrainerCompanion.Locate(Path.GetDirectoryName(given), search, out _)!.Path);

        Assert.Null(TrainerCompanion.Locate(dir.File("missing"), search, out var problem));
        Assert.Equal($"--trainer {dir.File("missing")}: no such file", problem);
        Assert.Null(TrainerCompanion.Locate(null, search with { Variable = dir.File("gone") }, out problem));
        Assert.Equal($"{TrainerCompanion.EnvironmentVariable}={dir.File("gone")}: no such file", problem);
        Assert.Null(TrainerCompanion.Locate(null, new CompanionSearch { RepositoryStart = dir.Path }, out problem));
        Assert.StartsWith("the training companion scalelab-train was not found", problem);
        Assert.Contains("dotnet publish src/ScaleLab.Training.Cli -c Release -o DIR", problem);

        // A .dll is run by the dotnet host.
        var command = TrainerCompanion.Locate(null, search with { ProgramDirectory = Path.GetDirectoryName(beside) }, out _)!.Command(["check"]);
        Assert.Equal([beside, "check"], command.Arguments);
        Assert.Contains("dotnet", Path.GetFileName(command.FileName), StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public void TheRepositoryBuild_IsFoundFromTheTestsOwnFolder()
    {
        Skip.If(Companion.Unavailable is not null, Companion.Unavailable);
        Assert.StartsWith(Path.Combine("src", "ScaleLab.Training.Cli", "bin"),
            Path.GetRelativePath(RepositoryRoot(), Companion.Trainer.Path), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "ScaleLab.slnx"))) return d.FullName;
        }
        throw new InvalidOperationException("not inside the repository");
    }
}
