using System.Globalization;
using System.Text;
using ScaleLab.Sweeps.Definition;
using ScaleLab.Sweeps.Planning;

namespace ScaleLab.Sweeps.Files;

/// <summary>
/// Writes a new sweep file (<c>scalelab sweep init</c>): the grid asked for, the command, and every
/// other section with its defaults and a comment saying what it does, so the file documents itself.
/// </summary>
public static class SweepFileWriter
{
    /// <summary>An IsoFLOP sweep: <paramref name="sizesPerBudget"/> model sizes around the optimum of each budget.</summary>
    public static string IsoFlop(string name, IReadOnlyList<double> budgets, int sizesPerBudget, string command, double spread = IsoFlopGrid.DefaultSpread, string? fit = null)
    {
        var grid = new StringBuilder();
        grid.AppendLine("kind = \"isoflop\"                 # IsoFLOP profiles (Hoffmann et al. 2022, approach 2)");
        grid.AppendLine($"budgets = {Array(budgets)}   # compute budgets C in FLOPs; each run trains D = C/(6N) tokens");
        grid.AppendLine(string.Create(CultureInfo.InvariantCulture, $"sizes_per_budget = {sizesPerBudget}"));
        grid.AppendLine($"spread = {SweepFileReader.Number(spread)}                       # sizes log-spaced from optimum/spread to optimum*spread");
        grid.AppendLine(fit is null
            ? $"# fit = \"fit.json\"             # place the optimum with a fit of your own (scalelab fit --out); default: {HoffmannPrior.Citation}"
            : $"fit = {Quote(fit)}               # the fit whose law places each budget's optimum");
        return File(name, grid.ToString(), command);
    }

    /// <summary>An N × D sweep: every size with every token count.</summary>
    public static string Product(string name, IReadOnlyList<double> parameters, IReadOnlyList<double> tokens, string command)
    {
        var grid = new StringBuilder();
        grid.AppendLine("kind = \"nxd\"                     # every model size with every token count");
        grid.AppendLine($"params = {Array(parameters)}");
        grid.AppendLine($"tokens = {Array(tokens)}");
        return File(name, grid.ToString(), command);
    }

    private static string File(string name, string grid, string command)
    {
        bool usesOut = command.Contains("{" + Placeholders.Out + "}", StringComparison.Ordinal);
        return $$$"""
            # A sweep of your own training command; docs/sweeps.md describes every key.
            # scalelab sweep validate THIS_FILE   then   scalelab sweep run THIS_FILE [--executor slurm]
            name = {{{Quote(name)}}}
            # seed = 0                         # run seeds derive from it (unless an axis named seed gives them)

            [grid]
            {{{grid.TrimEnd()}}}

            # [axes]                           # extra axes: every run once per value; each is a placeholder {name} and a stored tag
            # lr = [1e-3, 3e-4]
            # seed = [0, 1]

            [command]
            # Placeholders: {params} {tokens} {budget} {seed} {run_id} {out} {checkpoint_dir} {attempt} and every axis.
            # Split into words like a shell line, but never run by a shell; {{ and }} are literal braces.
            run = {{{Quote(command)}}}
            # directory = "."                  # working directory (default: this file's folder)
            # timeout = "2h"                   # per attempt: past it the whole process tree is killed
            # workers = 4                      # local processes at once (default: one per core)
            # environment = { WANDB_MODE = "offline" }

            [result]
            from = {{{(usesOut ? "\"file\"" : "\"stdout\"")}}}                    # "file": the JSON document at {out}; "stdout": the last JSON line printed
            metric = "loss"                    # the metric fitted; JSON lines with a "step" are stored as the learning curve

            [retry]
            attempts = 3                       # attempts in all
            backoff = "30s"                    # wait before a retry, doubling each time
            exit_codes = [75]                  # exit codes of your command that mean "try again"
            signals = true                     # a process killed by a signal (out of memory, a lost node)
            timeouts = true                    # an attempt past its timeout
            preemption = true                  # a Slurm task preempted or past its time limit, resumed from {checkpoint_dir}

            [slurm]                            # used with: scalelab sweep run THIS_FILE --executor slurm
            # partition = "gpu"
            # time = "02:00:00"
            # gpus_per_run = 1
            # cpus_per_run = 8
            # account = "my-project"
            # parallel = 16                    # array tasks at once (--array=0-N%16)
            signal = "B:USR2@90"               # SIGUSR2 to your command 90 s before the time limit: checkpoint into {checkpoint_dir}
            # sbatch = ["--constraint=a100"]   # further sbatch options
            # setup = ["module load cuda"]     # shell lines before the command

            [fit]
            law = "chinchilla"                 # refitted as results arrive
            # target_compute = 1e21            # where status predicts (default: 100 times the largest budget)

            """;
    }

    private static string Array(IReadOnlyList<double> values) => "[" + string.Join(", ", values.Select(SweepFileReader.Number)) + "]";

    /// <summary>A TOML basic string.</summary>
    private static string Quote(string text)
    {
        var result = new StringBuilder("\"");
        foreach (char c in text)
        {
            result.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }
        return result.Append('"').ToString();
    }
}
