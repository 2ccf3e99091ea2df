using System.CommandLine;
using ScaleLab.Data;

namespace ScaleLab.Cli.Commands;

/// <summary>Column-mapping options shared by the commands that read runs (names as in <see cref="ColumnAliases.OptionName"/>).</summary>
internal sealed class DataOptions
{
    public Option<string?> Params { get; } = new("--params") { Description = "column of the parameter count N" };
    public Option<string?> Tokens { get; } = new("--tokens") { Description = "column of the training tokens D" };
    public Option<string?> Compute { get; } = new("--compute") { Description = "column of the training compute C (FLOPs)" };
    public Option<string?> Metric { get; } = new("--metric") { Description = "column of the loss" };
    public Option<string?> RunId { get; } = new("--run-id") { Description = "column naming the run" };
    public Option<string?> Group { get; } = new("--group") { Description = "column grouping runs (e.g. the IsoFLOP budget)" };

    public void AddTo(Command command)
    {
        foreach (var o in new[] { Params, Tokens, Compute, Metric, RunId, Group }) command.Options.Add(o);
    }

    public ColumnMapping Mapping(ParseResult parse) => new()
    {
        Parameters = parse.GetValue(Params), Tokens = parse.GetValue(Tokens), Compute = parse.GetValue(Compute),
        Metric = parse.GetValue(Metric), RunId = parse.GetValue(RunId), Group = parse.GetValue(Group),
        Require = [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute],
    };

    /// <summary>A run key from other columns (<c>--run-by model,peak_lr</c>), or null for the default (run id, group, N).</summary>
    public static Func<Observation, string>? RunKey(string? columns)
    {
        if (string.IsNullOrWhiteSpace(columns)) return null;
        var names = columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return o => string.Join("|", names.Select(n => Tag(o, n)));
    }

    private static string Tag(Observation o, string name)
    {
        foreach (var (k, v) in o.Tags) if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) return v;
        if (string.Equals(name, "run", StringComparison.OrdinalIgnoreCase) && o.RunId is not null) return o.RunId;
        if (string.Equals(name, "group", StringComparison.OrdinalIgnoreCase) && o.Group is not null) return o.Group;
        throw new FormatException($"--run-by: no column '{name}' (columns kept: {string.Join(", ", o.Tags.Keys)})");
    }
}
