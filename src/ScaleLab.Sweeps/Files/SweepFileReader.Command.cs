using ScaleLab.Formulas;
using ScaleLab.Studies.Execution;
using ScaleLab.Sweeps.Definition;
using ScaleLab.Toml;

namespace ScaleLab.Sweeps.Files;

public static partial class SweepFileReader
{
    private static readonly string[] CommandKeys = ["run", "directory", "environment", "timeout", "workers"];
    private static readonly string[] ResultKeys = ["from", "metric"];
    private static readonly string[] Sources = ["stdout", "file"];

    private sealed record CommandPart(CommandTemplate Template, string? Directory, IReadOnlyDictionary<string, string> Environment, ResultSource Source, string Metric,
        TimeSpan? Timeout, int? Workers);

    private static CommandPart? ReadCommand(TomlReader r, TomlValue root, List<(SweepAxis Axis, (int Line, int Column) Key)> axes, SweepGrid? grid)
    {
        var table = root.Get("command");
        if (table is null) { r.Error(root, "missing [command]: run = \"python train.py --n-params {params} --tokens {tokens} --out {out}\""); return null; }
        if (!r.Expect(table, TomlValueKind.Table, "command", "a table with run = \"…\"")) return null;
        r.CheckKeys(table, CommandKeys, "[command]");
        // Every placeholder written anywhere, with the string it is in, for the checks below.
        var uses = new List<(string Name, TomlValue Source, int Offset)>();

        CommandTemplate? template = null;
        var run = table.Get("run");
        if (run is null) r.Error(table, "[command] has no 'run': the command line of one run, e.g. run = \"python train.py --n-params {params} --tokens {tokens}\"");
        else if (run.Kind == TomlValueKind.String)
        {
            var problems = new List<(int Offset, string Message)>();
            template = CommandTemplate.ParseLine(run.Text, problems);
            Place(r, run, problems);
            uses.AddRange(template.Placeholders.Select(p => (p.Name, run, p.Offset)));
        }
        else if (run.Kind == TomlValueKind.Array && run.Items.All(i => i.Kind == TomlValueKind.String))
        {
            var problems = run.Items.Select(_ => new List<(int, string)>()).ToList();
            var empty = new List<(int, string)>();
            template = CommandTemplate.FromArguments([.. run.Items.Select(i => i.Text)], i => i < 0 ? empty : problems[i]);
            Place(r, run, empty);
            for (int i = 0; i < run.Items.Count; i++) Place(r, run.Items[i], problems[i]);
            uses.AddRange(template.Placeholders.Select(p => (p.Name, run.Items[p.Argument], p.Offset)));
        }
        else r.Error(run, $"[command] 'run' must be the command as text, or an array of its arguments as text, not {run.Describe()}");

        string? directory = null;
        if (table.Get("directory") is { } dir && r.Expect(dir, TomlValueKind.String, "'directory'", "a folder as text"))
        {
            directory = dir.Text;
            Template(r, dir, uses);
        }
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table.Get("environment") is { } env && r.Expect(env, TomlValueKind.Table, "'environment'", "a table of NAME = \"value\""))
        {
            foreach (var (name, line, column, value) in env.Entries)
            {
                if (name.Length == 0 || name.Contains('=') || name.Any(char.IsControl)) { r.Error(line, column, $"'{name}' cannot name an environment variable"); continue; }
                if (!r.Expect(value, TomlValueKind.String, $"environment variable '{name}'", "text in quotes")) continue;
                environment[name] = value.Text;
                Template(r, value, uses);
            }
        }
        var timeout = Duration(r, table, "timeout", "'timeout'");
        long? workers = Integer(r, table, "workers", "'workers'", 1);

        var source = ResultSource.FileOrOutput;
        string metric = "loss";
        TomlValue? from = null;
        if (root.Get("result") is { } result && r.Expect(result, TomlValueKind.Table, "result", "a table with from = \"stdout\" or \"file\""))
        {
            r.CheckKeys(result, ResultKeys, "[result]");
            from = result.Get("from");
            source = Choice(r, result, "from", "result 'from'", Sources) switch { "file" => ResultSource.File, "stdout" => ResultSource.Output, _ => ResultSource.FileOrOutput };
            if (r.OptionalString(result, "metric") is { } m)
            {
                if (m.Length == 0) r.Error(result.Get("metric")!, "'metric' must name a metric of the result, e.g. \"loss\"");
                else metric = m;
            }
        }

        CheckPlaceholders(r, table, run, from, source, uses, axes, grid);
        return template is null ? null : new CommandPart(template, directory, environment, source, metric, timeout, (int?)workers);
    }

    private static void Template(TomlReader r, TomlValue value, List<(string Name, TomlValue Source, int Offset)> uses)
    {
        var problems = new List<(int Offset, string Message)>();
        var text = TemplateText.Parse(value.Text, null, problems);
        Place(r, value, problems);
        uses.AddRange(text.Placeholders.Select(p => (p.Name, value, p.Offset)));
    }

    private static void Place(TomlReader r, TomlValue value, List<(int Offset, string Message)> problems)
    {
        foreach (var (offset, message) in problems)
        {
            var (line, column) = value.PlaceOf(offset);
            r.Error(line, column, message);
        }
    }

    /// <summary>Each placeholder used is defined; the command receives the grid's N and D and every axis; a result read from a file is written to {out}.</summary>
    private static void CheckPlaceholders(TomlReader r, TomlValue table, TomlValue? run, TomlValue? from, ResultSource source,
        List<(string Name, TomlValue Source, int Offset)> uses, List<(SweepAxis Axis, (int Line, int Column) Key)> axes, SweepGrid? grid)
    {
        var known = Placeholders.All.Select(p => p.Name).Concat(axes.Select(a => a.Axis.Name)).Distinct().ToArray();
        foreach (var (name, value, offset) in uses)
        {
            if (known.Contains(name)) continue;
            var (line, column) = value.PlaceOf(offset);
            var near = NearMisses.Find(name, known).Select(n => $"{{{n}}}").ToArray();
            string hint = near.Length == 0 ? $"the placeholders are {string.Join(", ", known.Select(k => $"{{{k}}}"))}"
                : near.Length == 1 ? $"did you mean {near[0]}?" : $"did you mean {string.Join(", ", near[..^1])} or {near[^1]}?";
            r.Error(line, column, $"unknown placeholder {{{name}}}: {hint}");
        }
        var used = uses.Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        var at = run ?? table;
        if (run is not null && !used.Contains(Placeholders.Parameters))
        {
            r.Error(at, "missing placeholder {params}: the command never receives the run's model size N");
        }
        if (run is not null && !used.Contains(Placeholders.Tokens) && !(grid is IsoFlopGrid && used.Contains(Placeholders.Budget)))
        {
            r.Error(at, grid is IsoFlopGrid
                ? "missing placeholder {tokens} (or {budget}): the command never receives the run's training tokens D"
                : "missing placeholder {tokens}: the command never receives the run's training tokens D");
        }
        foreach (var (axis, (line, column)) in axes)
        {
            if (!used.Contains(axis.Name)) r.Error(line, column, $"missing placeholder {{{axis.Name}}}: axis '{axis.Name}' is not used by the command, its environment or its directory");
        }
        if (source == ResultSource.File && !used.Contains(Placeholders.Out))
        {
            r.Error(from!, "missing placeholder {out}: the result is read from the file at {out}, but the command is never told where it is");
        }
    }
}
