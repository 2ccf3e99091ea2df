using System.CommandLine;
using ScaleLab.Data;

namespace ScaleLab.Cli.Commands;

/// <summary>Column-mapping options shared by the commands that read runs, spelled as for <c>scalelab fit</c>.</summary>
internal sealed class DataOptions
{
    public Option<string?> Params { get; } = new("--params") { Description = "column of the parameter count N" };
    public Option<string?> Tokens { get; } = new("--tokens") { Description = "column of the training tokens D" };
    public Option<string?> Compute { get; } = new("--compute") { Description = "column of the training compute C (FLOPs)" };
    public Option<string?> Metric { get; } = new("--metric") { Description = "column of the loss" };
    public Option<string[]> Columns { get; } = new("--column")
    {
        Description = "name the column of any role: KEY=COLUMN with KEY params, tokens, compute, metric, run, group, … (repeatable)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Params);
        command.Options.Add(Tokens);
        command.Options.Add(Compute);
        command.Options.Add(Metric);
        command.Options.Add(Columns);
    }

    public ColumnMapping Mapping(ParseResult parse) => OptionSyntax.Columns(new ColumnMapping
    {
        Parameters = parse.GetValue(Params), Tokens = parse.GetValue(Tokens), Compute = parse.GetValue(Compute), Metric = parse.GetValue(Metric),
        Require = [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute],
    }, parse.GetValue(Columns));

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
        throw new ArgumentException($"--run-by: no column '{name}' (columns kept: {string.Join(", ", o.Tags.Keys)})");
    }
}
