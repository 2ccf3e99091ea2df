using System.CommandLine;
using ScaleLab.Data;
using ScaleLab.Laws;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// The options that shape the laws a command fits, spelled once: <c>--law-file FILE</c>, <c>--fix NAME=VALUE</c>,
/// <c>--tie A=B</c>, <c>--bound NAME=LO:HI</c> and <c>--starts K</c> (fit, compare, plot, report). For a registered law
/// they go into its fit options; for a formula law into the law itself (<see cref="LawSettings"/>), where the start
/// search needs them.
/// </summary>
internal sealed class LawOptions
{
    public Option<string?> LawFile { get; } = new("--law-file") { Description = "a law file (TOML: formula, definitions, variables, parameters, target; docs/formulas.md)" };
    public Option<string[]> Fix { get; } = new("--fix") { Description = "hold a parameter at a value: NAME=VALUE (repeatable)", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> Tie { get; } = new("--tie") { Description = "constrain parameters equal: NAME=NAME (repeatable)", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> Bound { get; } = new("--bound")
    {
        Description = "bound a parameter: NAME=LO:HI (repeatable; an empty end is open); a formula's parameters need a range for the start search",
        AllowMultipleArgumentsPerToken = true,
    };
    public Option<int?> Starts { get; } = new("--starts") { Description = "use only the first K starts of a registered law's grid; K space-filling starts for a formula law (default 256)" };

    public void AddTo(Command command, bool ties = true)
    {
        command.Options.Add(LawFile);
        command.Options.Add(Fix);
        if (ties) command.Options.Add(Tie);
        command.Options.Add(Bound);
        command.Options.Add(Starts);
    }

    /// <summary>The settings the options give; <paramref name="strict"/> when one law takes them (a name it lacks is an error).</summary>
    public LawSettings Settings(ParseResult parse, bool strict = true)
    {
        if (parse.GetValue(Starts) is < 1) throw new ArgumentException("--starts must be >= 1");
        return new LawSettings
        {
            Fixed = OptionSyntax.Fixed(parse.GetValue(Fix)),
            Ties = OptionSyntax.Ties(parse.GetValue(Tie)),
            Bounds = OptionSyntax.Bounds(parse.GetValue(Bound)),
            Starts = parse.GetValue(Starts),
            Strict = strict,
        };
    }

    /// <summary>
    /// The laws <paramref name="names"/> name (registered names, law files, formulas), with <c>--law-file</c> added when
    /// given; formula syntax errors throw here, before any data are read.
    /// </summary>
    public IReadOnlyList<LawChoice> Choices(ParseResult parse, IEnumerable<string> names)
    {
        var choices = names.Select(LawChoice.Parse).ToList();
        if (parse.GetValue(LawFile) is { } file) choices.Add(LawChoice.FromFile(file));
        return choices;
    }

    /// <summary>
    /// Reads the runs for <paramref name="choices"/>: the variables they need required, a law file's columns and metric
    /// bound, a formula's other symbols looked up as columns.
    /// </summary>
    public static ObservationSet Read(ParseResult parse, DataOptions data, string path, IReadOnlyList<LawChoice> choices, IEnumerable<ScaleVariable>? alsoRequire = null,
        CancellationToken cancellationToken = default, Func<ReadOptions, ReadOptions>? adjust = null)
    {
        var bound = OptionSyntax.Variables(parse.GetValue(data.Variables)).Select(b => b.Variable).ToArray();
        var require = choices.SelectMany(c => c.Required(bound)).Concat(alsoRequire ?? []).Distinct().ToArray();
        bool metricGiven = parse.GetValue(data.Metric) is not null;
        return data.Read(parse, path, require, cancellationToken, o =>
        {
            foreach (var c in choices) o = c.Adjust(o, metricGiven, bound);
            return adjust is null ? o : adjust(o);
        });
    }

    /// <summary>Columns of the data for near misses: the tags kept and the variables read.</summary>
    public static IReadOnlyList<string> Columns(ObservationSet data)
    {
        var columns = new List<string>();
        foreach (var v in data.PresentVariables) columns.Add(v.Symbol);
        if (data.Count > 0) columns.AddRange(data.Observations[0].Tags.Keys);
        return columns;
    }

    /// <summary>The law of <paramref name="choice"/> on <paramref name="data"/> with the settings of these options.</summary>
    public static ScalingLaw Resolve(LawChoice choice, ObservationSet? data, LawSettings settings) =>
        choice.Resolve(data, settings, data is null ? null : Columns(data));
}
