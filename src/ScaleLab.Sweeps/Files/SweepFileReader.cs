using System.Globalization;
using ScaleLab.Formulas;
using ScaleLab.Sweeps.Definition;
using ScaleLab.Toml;

namespace ScaleLab.Sweeps.Files;

/// <summary>
/// Reads a sweep file (TOML; the format is in docs/sweeps.md) into a <see cref="SweepDefinition"/>.
/// Every problem of the file is reported at once, each with its line and column: unknown keys and
/// values with their near misses, wrong types, an empty grid, budgets and sizes that are not
/// positive, placeholders the command uses that nothing defines or values of the grid it never
/// receives, axes that shadow a placeholder or that the command never uses.
/// </summary>
public static partial class SweepFileReader
{
    private static readonly string[] RootKeys = ["name", "description", "seed", "grid", "axes", "command", "result", "retry", "slurm", "fit"];

    /// <summary>Reads the sweep file at <paramref name="path"/>.</summary>
    /// <exception cref="SweepFileException">Every problem found.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SweepDefinition Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads a sweep from TOML text; <paramref name="file"/> names it in errors, gives the default name and anchors relative paths.</summary>
    /// <exception cref="SweepFileException">Every problem found.</exception>
    public static SweepDefinition Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var errors = new List<TomlError>();
        var root = TomlTree.Parse(text, file, errors, "a sweep file", tableArrays: true);
        if (root is null) throw new SweepFileException(errors);
        var r = new TomlReader(file, errors);
        r.CheckKeys(root, RootKeys, "a sweep file");
        string folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";

        string name = r.OptionalString(root, "name") ?? Path.GetFileNameWithoutExtension(file);
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsControl)) r.Error(root.Get("name") ?? root, "the sweep's name must be non-empty text on one line");
        long seed = Integer(r, root, "seed", "'seed'", long.MinValue) ?? 0;
        var axes = ReadAxes(r, root);
        var grid = ReadGrid(r, root, axes, folder);
        var command = ReadCommand(r, root, axes, grid);
        var (retry, preemption) = ReadRetry(r, root);
        var slurm = ReadSlurm(r, root);
        var (law, target) = ReadFit(r, root);

        if (errors.Count > 0 || grid is null || command is null) throw new SweepFileException(r.Sorted());
        return new SweepDefinition
        {
            Name = name, Description = r.OptionalString(root, "description") ?? "", Seed = seed, Grid = grid, Axes = [.. axes.Select(a => a.Axis)],
            Command = command.Template, WorkingDirectory = command.Directory, Environment = command.Environment, Result = command.Source, Metric = command.Metric,
            Timeout = command.Timeout, Workers = command.Workers, Retry = retry, RetryPreemption = preemption, Slurm = slurm, Law = law, TargetCompute = target,
            File = file, Text = text,
        };
    }

    private static List<(SweepAxis Axis, (int Line, int Column) Key)> ReadAxes(TomlReader r, TomlValue root)
    {
        var result = new List<(SweepAxis, (int, int))>();
        if (root.Get("axes") is not { } table || !r.Expect(table, TomlValueKind.Table, "axes", "a table of NAME = [values]")) return result;
        foreach (var (name, line, column, value) in table.Entries)
        {
            if (!Placeholders.IsName(name)) { r.Error(line, column, $"axis '{name}': a name is letters, digits and _, starting with a letter or _ (it is the placeholder {{{name}}})"); continue; }
            if (name != Placeholders.Seed && Placeholders.All.FirstOrDefault(p => p.Name == name) is { Name: not null } shadowed)
            {
                r.Error(line, column, $"axis '{name}' shadows the placeholder {{{name}}} ({shadowed.Meaning}): choose another name");
                continue;
            }
            var items = value.Kind == TomlValueKind.Array ? value.Items : [value];
            if (items.Count == 0) { r.Error(value, $"axis '{name}' has no values: the grid would be empty"); continue; }
            var values = new List<string>();
            foreach (var item in items)
            {
                if (AxisValue(r, item, name) is not { } text) continue;
                if (values.Contains(text)) r.Error(item, $"axis '{name}' has the value {text} twice");
                else values.Add(text);
            }
            result.Add((new SweepAxis(name, values), (line, column)));
        }
        return result;
    }

    // An axis value as the command receives it: text as written, numbers in invariant round-trip notation; a seed is whole.
    private static string? AxisValue(TomlReader r, TomlValue item, string axis)
    {
        switch (item.Kind)
        {
            case TomlValueKind.String when item.Text.Length > 0 && !item.Text.Any(char.IsControl):
                if (axis == Placeholders.Seed && !long.TryParse(item.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) break;
                return item.Text;
            case TomlValueKind.Number when double.IsFinite(item.Number):
                if (axis == Placeholders.Seed && item.Number != Math.Floor(item.Number)) break;
                return Number(item.Number);
            case TomlValueKind.Boolean:
                if (axis == Placeholders.Seed) break;
                return item.Boolean ? "true" : "false";
        }
        r.Error(item, axis == Placeholders.Seed
            ? $"axis 'seed': each value must be a whole number, not {Shown(item)}"
            : $"axis '{axis}': each value must be a finite number, non-empty text on one line, or true/false, not {Shown(item)}");
        return null;
    }

    /// <summary>A number as a command receives it: whole numbers without a fraction, others in shortest round-trip notation.</summary>
    internal static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Shown(TomlValue v) => v.Kind switch
    {
        TomlValueKind.Number => FormulaPrinter.Number(v.Number),
        TomlValueKind.String => $"\"{v.Text}\"",
        _ => v.Describe(),
    };

    /// <summary>A whole number at <paramref name="key"/> of at least <paramref name="least"/>, or null when absent (with an error when it is not one).</summary>
    private static long? Integer(TomlReader r, TomlValue table, string key, string subject, long least)
    {
        if (table.Get(key) is not { } value || !r.Expect(value, TomlValueKind.Number, subject, "a whole number")) return null;
        if (value.Number != Math.Floor(value.Number) || !double.IsFinite(value.Number) || Math.Abs(value.Number) > 9e15)
        {
            r.Error(value, $"{subject} must be a whole number, not {FormulaPrinter.Number(value.Number)}");
            return null;
        }
        if (value.Number < least)
        {
            r.Error(value, $"{subject} must be at least {least}, not {FormulaPrinter.Number(value.Number)}");
            return null;
        }
        return (long)value.Number;
    }

    /// <summary>A positive finite number at <paramref name="key"/>, or null when absent (with an error otherwise).</summary>
    private static double? Positive(TomlReader r, TomlValue table, string key, string subject)
    {
        if (table.Get(key) is not { } value) return null;
        return Positive(r, value, subject);
    }

    private static double? Positive(TomlReader r, TomlValue value, string subject)
    {
        if (!r.Expect(value, TomlValueKind.Number, subject, "a positive number")) return null;
        if (!double.IsFinite(value.Number) || value.Number <= 0)
        {
            r.Error(value, $"{subject} is {FormulaPrinter.Number(value.Number)}: it must be a positive number");
            return null;
        }
        return value.Number;
    }

    /// <summary>A duration at <paramref name="key"/> (text such as "2h", or seconds), or null when absent (with an error otherwise).</summary>
    private static TimeSpan? Duration(TomlReader r, TomlValue table, string key, string subject, bool zero = false)
    {
        if (table.Get(key) is not { } value) return null;
        TimeSpan duration;
        if (value.Kind == TomlValueKind.Number && double.IsFinite(value.Number) && value.Number >= 0 && value.Number < 1e9) duration = TimeSpan.FromSeconds(value.Number);
        else if (value.Kind == TomlValueKind.String && Durations.TryParse(value.Text, out duration)) { }
        else { r.Error(value, $"{subject} must be {Durations.Forms} (or a number of seconds), not {Shown(value)}"); return null; }
        if (duration <= TimeSpan.Zero && !zero) { r.Error(value, $"{subject} must be longer than zero"); return null; }
        return duration;
    }

    /// <summary>One of <paramref name="allowed"/> at <paramref name="key"/>, or null when absent (with an error and near misses otherwise).</summary>
    private static string? Choice(TomlReader r, TomlValue table, string key, string subject, IReadOnlyList<string> allowed)
    {
        if (table.Get(key) is not { } value || !r.Expect(value, TomlValueKind.String, subject, $"one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}")) return null;
        if (allowed.Contains(value.Text)) return value.Text;
        var hint = NearMisses.Hint(value.Text, allowed);
        r.Error(value, $"{subject} '{value.Text}' is not one of {string.Join(", ", allowed)}{(hint is null ? "" : "; " + hint)}");
        return null;
    }
}
