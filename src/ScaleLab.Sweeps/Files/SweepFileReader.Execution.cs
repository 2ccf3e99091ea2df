using System.Text.RegularExpressions;
using ScaleLab.Formulas;
using ScaleLab.Laws;
using ScaleLab.Studies.Execution;
using ScaleLab.Studies.Execution.Slurm;
using ScaleLab.Toml;

namespace ScaleLab.Sweeps.Files;

public static partial class SweepFileReader
{
    private static readonly string[] RetryKeys = ["attempts", "backoff", "max_backoff", "exit_codes", "signals", "timeouts", "preemption"];
    private static readonly string[] SlurmKeys = ["partition", "time", "gpus_per_run", "cpus_per_run", "memory", "account", "qos", "signal", "parallel", "sbatch", "setup", "poll"];
    private static readonly string[] FitKeys = ["law", "target_compute"];

    private static (RetryPolicy Retry, bool Preemption) ReadRetry(TomlReader r, TomlValue root)
    {
        var policy = new RetryPolicy();
        if (root.Get("retry") is not { } table || !r.Expect(table, TomlValueKind.Table, "retry", "a table such as { attempts = 3 }")) return (policy, true);
        r.CheckKeys(table, RetryKeys, "[retry]");
        var codes = new HashSet<int>();
        if (table.Get("exit_codes") is { } list && r.Expect(list, TomlValueKind.Array, "'exit_codes'", "an array of exit codes, e.g. [75]"))
        {
            foreach (var item in list.Items)
            {
                if (item.Kind == TomlValueKind.Number && item.Number == Math.Floor(item.Number) && item.Number is >= 1 and <= 255) codes.Add((int)item.Number);
                else r.Error(item, $"an exit code in 'exit_codes' is a whole number from 1 to 255, not {Shown(item)}");
            }
        }
        var backoff = Duration(r, table, "backoff", "'backoff'", zero: true) ?? policy.InitialBackoff;
        var maxBackoff = Duration(r, table, "max_backoff", "'max_backoff'", zero: true) ?? TimeSpan.FromSeconds(Math.Max(policy.MaxBackoff.TotalSeconds, backoff.TotalSeconds));
        if (maxBackoff < backoff) r.Error(table.Get("max_backoff")!, $"'max_backoff' ({Definition.Durations.Format(maxBackoff)}) is shorter than 'backoff' ({Definition.Durations.Format(backoff)})");
        policy = policy with
        {
            MaxAttempts = (int)(Integer(r, table, "attempts", "'attempts'", 1) ?? policy.MaxAttempts),
            InitialBackoff = backoff,
            MaxBackoff = maxBackoff,
            RetryableExitCodes = codes,
            RetrySignals = r.OptionalBoolean(table, "signals") ?? policy.RetrySignals,
            RetryTimeouts = r.OptionalBoolean(table, "timeouts") ?? policy.RetryTimeouts,
        };
        return (policy, r.OptionalBoolean(table, "preemption") ?? true);
    }

    private static SlurmOptions ReadSlurm(TomlReader r, TomlValue root)
    {
        var options = new SlurmOptions();
        if (root.Get("slurm") is not { } table || !r.Expect(table, TomlValueKind.Table, "slurm", "a table such as { partition = \"gpu\" }")) return options;
        r.CheckKeys(table, SlurmKeys, "[slurm]");
        string? signal = options.Signal;
        if (table.Get("signal") is { } s)
        {
            if (s.Kind == TomlValueKind.Boolean && !s.Boolean) signal = null;
            else if (r.Expect(s, TomlValueKind.String, "'signal'", "Slurm's --signal, e.g. \"B:USR2@90\" (or false for none)"))
            {
                if (SignalSyntax().IsMatch(s.Text)) signal = s.Text;
                else r.Error(s, $"'signal' = \"{s.Text}\" is not [B:]SIGNAL@SECONDS, e.g. \"B:USR2@90\" (B: sends it to the command, which the job script execs)");
            }
        }
        return options with
        {
            Partition = Word(r, table, "partition"),
            Time = Duration(r, table, "time", "'time'"),
            GpusPerRun = (int)(Integer(r, table, "gpus_per_run", "'gpus_per_run'", 0) ?? 0),
            CpusPerRun = (int?)Integer(r, table, "cpus_per_run", "'cpus_per_run'", 1),
            Memory = Word(r, table, "memory"),
            Account = Word(r, table, "account"),
            Qos = Word(r, table, "qos"),
            Signal = signal,
            Parallel = (int?)Integer(r, table, "parallel", "'parallel'", 1),
            ExtraOptions = Lines(r, table, "sbatch", o => o.StartsWith('-') ? null : "an sbatch option starts with - (e.g. \"--constraint=a100\")"),
            Setup = Lines(r, table, "setup", _ => null),
            PollInterval = Duration(r, table, "poll", "'poll'") ?? options.PollInterval,
        };
    }

    private static (string Law, double? Target) ReadFit(TomlReader r, TomlValue root)
    {
        if (root.Get("fit") is not { } table || !r.Expect(table, TomlValueKind.Table, "fit", "a table such as { law = \"chinchilla\" }")) return ("chinchilla", null);
        r.CheckKeys(table, FitKeys, "[fit]");
        string law = "chinchilla";
        if (r.OptionalString(table, "law") is { } name)
        {
            try
            {
                LawRegistry.Get(name);
                law = name;
            }
            catch (ArgumentException)
            {
                var hint = NearMisses.Hint(name, LawRegistry.Names);
                r.Error(table.Get("law")!, $"law '{name}' is not known: {hint ?? $"the laws are {string.Join(", ", LawRegistry.Names)}"}");
            }
        }
        return (law, Positive(r, table, "target_compute", "'target_compute'"));
    }

    // A single word (no spaces) for an sbatch option value.
    private static string? Word(TomlReader r, TomlValue table, string key)
    {
        if (r.OptionalString(table, key) is not { } text) return null;
        if (text.Length > 0 && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return text;
        r.Error(table.Get(key)!, $"'{key}' must be one word without spaces, not \"{text}\"");
        return null;
    }

    private static IReadOnlyList<string> Lines(TomlReader r, TomlValue table, string key, Func<string, string?> check)
    {
        if (table.Get(key) is not { } value || !r.Expect(value, TomlValueKind.Array, $"'{key}'", "an array of text")) return [];
        var result = new List<string>();
        foreach (var item in value.Items)
        {
            if (!r.Expect(item, TomlValueKind.String, $"an item of '{key}'", "text in quotes")) continue;
            if (item.Text.Contains('\n') || item.Text.Contains('\r')) { r.Error(item, $"an item of '{key}' must be one line"); continue; }
            if (check(item.Text) is { } problem) { r.Error(item, problem); continue; }
            result.Add(item.Text);
        }
        return result;
    }

    [GeneratedRegex(@"^(?:[BR]{1,2}:)?(?:SIG)?[A-Z0-9]+(?:@\d+)?$")]
    private static partial Regex SignalSyntax();
}
