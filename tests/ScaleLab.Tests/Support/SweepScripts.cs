using System.Diagnostics;
using System.Globalization;

namespace ScaleLab.Tests.Support;

/// <summary>
/// A small real sweep for the sweep tests: a POSIX shell training script that sleeps, prints the
/// loss of Hoffmann et al. 2022's law (eq. 10: E 1.69, A 406.4, B 410.7, α 0.34, β 0.28) at its N and
/// D as a JSON line, and appends its run id to <c>starts</c> when it begins and to <c>ends</c> when it
/// has printed; and the sweep file of a 3 × 3 N × D grid around it.
/// </summary>
internal sealed class SweepScripts
{
    public SweepScripts(string folder, double sleepSeconds = 0.3, int workers = 2, string name = "toy", string extra = "")
    {
        Folder = folder;
        File.WriteAllText(Path.Combine(folder, "train.sh"),
            "#!/bin/sh\n"
            + "echo \"$3\" >> \"$4/starts\"\n"
            + "sleep \"$5\"\n"
            + "awk -v n=\"$1\" -v d=\"$2\" 'BEGIN { printf \"{\\\"loss\\\": %.12g}\\n\", 1.69 + 406.4 / n^0.34 + 410.7 / d^0.28 }'\n"
            + "echo \"$3\" >> \"$4/ends\"\n");
        string seconds = sleepSeconds.ToString(CultureInfo.InvariantCulture);
        SweepFile = Path.Combine(folder, "sweep.toml");
        File.WriteAllText(SweepFile, $"""
            name = "{name}"

            [grid]
            kind = "nxd"
            params = [1e6, 3e6, 1e7]
            tokens = [1e8, 1e9, 1e10]

            [command]
            run = "sh train.sh {"{params}"} {"{tokens}"} {"{run_id}"} '{folder}' {seconds}"
            workers = {workers}

            [result]
            from = "stdout"
            metric = "loss"

            [retry]
            attempts = 2
            backoff = "1s"
            {extra}
            [fit]
            law = "chinchilla"
            target_compute = 1e21
            """);
    }

    /// <summary>Runs of the grid.</summary>
    public const int Runs = 9;

    public string Folder { get; }

    public string SweepFile { get; }

    /// <summary>The run ids the script started, in order.</summary>
    public IReadOnlyList<string> Starts => Lines("starts");

    /// <summary>The run ids that printed a result, in order.</summary>
    public IReadOnlyList<string> Ends => Lines("ends");

    private string[] Lines(string name)
    {
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray() : [];
    }

    /// <summary>Runs <c>scalelab</c> with <paramref name="arguments"/> to its end; returns its exit code and output.</summary>
    public static (int Code, string Output, string Error) Cli(params string[] arguments)
    {
        using var process = Process.Start(CliProcess.Start(arguments))!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "scalelab did not end within 5 minutes");
        return (process.ExitCode, output, error.Result);
    }
}
