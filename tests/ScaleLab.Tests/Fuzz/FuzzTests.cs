using System.Diagnostics;
using ScaleLab.Tests.Cli;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Fuzz;

/// <summary>
/// Hostile files made from two real datasets, through the command line's own entry point: no input may crash
/// it, every failure is exit code 2 with one line naming the file (and the row and column of a bad cell), and
/// no output file is written on error.
/// </summary>
public class FuzzTests
{
    /// <summary>The two seeds: Epoch's extraction of Hoffmann et al. (N and C) and datablations (N, D and U).</summary>
    public static HostileInputs[] Seeds()
    {
        var epoch = SharedData.File("epoch-chinchilla/svg_extracted_data.csv");
        var datablations = SharedData.File("datablations/c4_runs_fit182.csv");
        if (epoch is null || datablations is null || !File.Exists(epoch) || !File.Exists(datablations)) return [];
        var (eh, er) = HostileInputs.Load(epoch);
        var (dh, dr) = HostileInputs.Load(datablations);
        return
        [
            new HostileInputs(eh, er, ["Model Size", "Training FLOP", "loss"], ["Model Size", "Training FLOP"], "loss"),
            new HostileInputs(dh, dr, ["params", "tokens", "unique_tokens", "val_loss"], ["params", "tokens"], "val_loss"),
        ];
    }

    /// <summary>The command line for input <paramref name="index"/>: mostly the cheap isoflop analysis, every tenth a fit that writes a file.</summary>
    public static string[] Arguments(int index, string path, string outPath) => (index % 10) switch
    {
        0 => ["fit", path, "--law", "kaplan-n", "--starts", "1", "--out", outPath],
        3 => ["isoflop", path, "--missing", "drop"],
        _ => ["isoflop", path, "--json"],
    };

    /// <summary>What is wrong with one outcome, or null.</summary>
    public static string? Check(HostileInput input, string[] arguments, string path, string outPath, int code, string output, string error)
    {
        bool dropping = arguments.Contains("drop");
        if (error.Contains("Unhandled exception", StringComparison.Ordinal) || error.Contains("   at ", StringComparison.Ordinal)) return "crashed: " + First(error);
        if (code == 2)
        {
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length != 1) return $"{lines.Length} lines on standard error: {First(error)}";
            var line = lines[0];
            if (!line.StartsWith("error: ", StringComparison.Ordinal)) return "no 'error: ' prefix: " + First(line);
            if (!line.Contains(path, StringComparison.Ordinal) && !line.Contains("--", StringComparison.Ordinal)) return "the file is not named: " + First(line);
            if (line.Length > 1200) return $"{line.Length} characters";
            if (line.Any(c => c < ' ' && c != '\t')) return "raw control characters: " + First(line);
            if (input.Row is { } row && !(dropping && input.MissingMetric) && !line.Contains($"row {row}, column '{input.Column}'", StringComparison.Ordinal)) return $"row {row} and column '{input.Column}' not named: {First(line)}";
            if (File.Exists(outPath)) return "an output file was written on error";
            if (output.Length > 0) return "standard output on error: " + First(output);
            return null;
        }
        return code is 0 or 1 ? null : $"exit code {code}: {First(error)}";
    }

    private static string First(string text) => text.Length > 300 ? text[..300] : text;

    [SkippableFact]
    public void TenThousandHostileInputs_InProcess_NeverCrash()
    {
        var seeds = Seeds();
        Skip.If(seeds.Length == 0, SharedData.Missing);
        using var dir = new TempDirectory();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var kinds = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        // bench/fuzz.sh runs 10^5 through the same test.
        int count = int.TryParse(Environment.GetEnvironmentVariable("SCALELAB_FUZZ_COUNT"), out var n) && n > 0 ? n : 10_000;
        // Two workers: each invocation has its own writers, and the inputs are independent.
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var input = seeds[i % 2].Make(1, i);
            kinds.AddOrUpdate(input.Kind, 1, (_, k) => k + 1);
            var path = dir.File($"input{i}{input.Extension}");
            File.WriteAllBytes(path, input.Bytes);
            var outPath = dir.File($"out{i}.json");
            var arguments = Arguments(i, path, outPath);
            var (code, output, error) = CliRunner.Run(arguments);
            if (Check(input, arguments, path, outPath, code, output, error) is { } problem) failures.Add($"#{i} {input.Kind}: {problem}");
            File.Delete(path);
            if (code != 2) File.Delete(outPath);
        });
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} failed in {clock.Elapsed.TotalSeconds:F0} s:\n" + string.Join("\n", failures.Order().Take(20)));
        Assert.True(kinds.Count >= 19, string.Join(", ", kinds.Keys));
    }

    // Real processes: exit codes, standard streams and the whole start-up as a user sees them. Slow (a process
    // start each), so they run when CI=true or SCALELAB_SLOW_TESTS=1, and are skipped, visibly, otherwise.
    [SkippableFact]
    [Trait("Category", "Slow")]
    public void ThreeHundredHostileInputs_AsProcesses_NeverCrash()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("CI") == "true" || Environment.GetEnvironmentVariable("SCALELAB_SLOW_TESTS") == "1",
            "process fuzzing runs in CI (CI=true) or with SCALELAB_SLOW_TESTS=1");
        var seeds = Seeds();
        Skip.If(seeds.Length == 0, SharedData.Missing);
        var cli = Path.Combine(AppContext.BaseDirectory, "ScaleLab.Cli.dll");
        using var dir = new TempDirectory();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 300, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var input = seeds[i % 2].Make(2, i);
            var path = dir.File($"input{i}{input.Extension}");
            File.WriteAllBytes(path, input.Bytes);
            var outPath = dir.File($"out{i}.json");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            start.ArgumentList.Add(cli);
            var arguments = Arguments(i, path, outPath);
            foreach (var a in arguments) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (Check(input, arguments, path, outPath, process.ExitCode, output.Result, error) is { } problem) failures.Add($"#{i} {input.Kind}: {problem}");
        });
        Assert.True(failures.Count == 0, $"{failures.Count} of 300 failed:\n" + string.Join("\n", failures.Order().Take(20)));
    }
}
