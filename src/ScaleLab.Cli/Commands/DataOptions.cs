using System.CommandLine;
using ScaleLab.Data;
using ScaleLab.Formulas;
using ScaleLab.Laws;
using ScaleLab.Metrics;
using ScaleLab.Parquet;
using ScaleLab.Quantities;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// The data options of every command that reads runs (fit, compare, isoflop, envelope, approaches, plot,
/// report), spelled once: the column of each role, <c>--var SYMBOL=COLUMN</c>, the missing-metric policy, the
/// compute unit, <c>--drop-highest</c>, and the row selection and groups (<c>--where</c>, <c>--group-by</c>). A
/// command adds them with <see cref="AddTo"/> and reads with <c>Read</c>, so that <c>fit --metric X</c> and
/// <c>plot --metric X</c> read the same column; a command that groups takes <see cref="ObservationSet.Groups"/> of
/// what it read when <see cref="Grouped"/>. A command that fits one law sets <see cref="ConvertsMetric"/> to offer
/// <c>--metric-kind</c>, which converts the metric into the space that law is stated over (docs/metrics.md).
/// </summary>
internal sealed class DataOptions
{
    /// <summary>Whether the command offers <c>--metric-kind</c> (read with <see cref="Read(ParseResult, string, ScalingLaw, CancellationToken)"/>).</summary>
    public bool ConvertsMetric { get; init; }

    public Option<string?> Params { get; } = new("--params") { Description = "column of the parameter count N (default: N, params, n_params, Model Size, …)" };
    public Option<string?> Tokens { get; } = new("--tokens") { Description = "column of the training tokens D (default: D, tokens, training_tokens, …)" };
    public Option<string?> Compute { get; } = new("--compute") { Description = "column of the training compute C (default: C, flops, compute, budget, …)" };
    public Option<string?> Metric { get; } = new("--metric") { Description = "column of the metric (default: loss, val_loss, validation_loss, …)" };
    public Option<string?> UniqueTokens { get; } = new("--unique-tokens") { Description = "column of the unique training tokens U_D (default: unique_tokens, U_D)" };
    public Option<string[]> Columns { get; } = new("--column")
    {
        Description = "name the column of any role: KEY=COLUMN with KEY params, tokens, compute, metric, unique-tokens, non-embedding-params, active-params, run, group, step or seed (repeatable)",
    };
    public Option<string[]> Variables { get; } = new("--var")
    {
        Description = "bind a variable to a column or, in JSON, a path: SYMBOL=COLUMN (N=params, V=vocab_size, N=hyperparameters.params, L='results[val_data*=c4_val].loss'; repeatable)",
    };
    public Option<string> Missing { get; } = new("--missing") { Description = "rows whose metric is empty or NaN: error (default, names the first) or drop (says how many went)", DefaultValueFactory = _ => "error" };
    public Option<string> ComputeUnit { get; } = new("--compute-unit") { Description = "unit of the compute column, converted to FLOP: flop, gflop, tflop, pflop, eflop or pf-days", DefaultValueFactory = _ => "flop" };
    public Option<int> DropHighest { get; } = new("--drop-highest") { Description = "drop the K rows of highest metric first", DefaultValueFactory = _ => 0 };
    public Option<string?> Where { get; } = new("--where")
    {
        Description = "keep only the rows where EXPR holds: columns (or N, D, C) in arithmetic and comparisons, and/or/not, text in quotes, e.g. 'N >= 1e8 and source == \"epoch\"' (docs/input.md)",
    };
    public Option<string?> GroupBy { get; } = new("--group-by")
    {
        Description = "fit and report each group of rows apart: columns joined by commas, e.g. source or Domain,Model (docs/input.md)",
    };
    public Option<string?> X { get; } = new("--x")
    {
        Description = "column of the law's own input beyond N, D, C and U (a link's loss L, the experts E, the samples k): --var for its first such variable",
    };
    public Option<string?> MetricKind { get; } = new("--metric-kind")
    {
        Description = $"what the metric measures, converted into the space the law is stated over (error = 1 - accuracy, nats = ln perplexity): {string.Join(", ", MetricKinds.Names)}",
    };

    /// <summary>The input argument: a file (CSV, TSV, JSON, JSONL, Parquet), <c>-</c> for standard input, or a folder or glob of per-run JSON files.</summary>
    public static Argument<string> File(string name = "file", string description = "CSV, TSV, JSON, JSONL or Parquet file of runs, - for standard input, or a folder or glob of per-run JSON files") =>
        new(name) { Description = description };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Params, Tokens, Compute, Metric, UniqueTokens, Columns, Variables, X, Missing, ComputeUnit, DropHighest, Where, GroupBy }) command.Options.Add(option);
        if (ConvertsMetric) command.Options.Add(MetricKind);
    }

    /// <summary>The column mapping the options name, requiring <paramref name="require"/>.</summary>
    public ColumnMapping Mapping(ParseResult parse, IReadOnlyList<ScaleVariable>? require = null)
    {
        var mapping = OptionSyntax.Columns(new ColumnMapping
        {
            Parameters = parse.GetValue(Params), Tokens = parse.GetValue(Tokens), Compute = parse.GetValue(Compute), Metric = parse.GetValue(Metric),
            UniqueTokens = parse.GetValue(UniqueTokens), Require = require ?? [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute],
        }, parse.GetValue(Columns));
        foreach (var (variable, column) in OptionSyntax.Variables(parse.GetValue(Variables))) mapping = mapping.Bind(variable, column);
        if (parse.GetValue(X) is { } x)
        {
            var input = mapping.Require?.Where(v => !v.IsWellKnown).Select(v => (ScaleVariable?)v).FirstOrDefault()
                ?? throw new ArgumentException("--x names the column of a variable beyond N, D, C and U, and this law reads none (use --params, --tokens or --compute)");
            mapping = mapping.Bind(input, x);
        }
        return mapping;
    }

    /// <summary>How to read: the mapping, the policies, standard input and the Parquet reader.</summary>
    public ReadOptions Options(ParseResult parse, IReadOnlyList<ScaleVariable>? require = null, CancellationToken cancellationToken = default)
    {
        var missing = parse.GetValue(Missing)!.Trim().ToLowerInvariant() switch
        {
            "error" => MissingPolicy.Error,
            "drop" => MissingPolicy.Drop,
            var other => throw new ArgumentException($"--missing must be error or drop, got '{other}'"),
        };
        return new ReadOptions
        {
            Mapping = Mapping(parse, require),
            Missing = missing,
            ComputeUnit = Quantities.ComputeUnit.Parse(parse.GetValue(ComputeUnit)!),
            StandardInput = () => Terminal.StandardInput(parse),
            OpenParquet = ParquetCursor.Open,
            Where = Predicate(parse),
            GroupBy = GroupColumns(parse),
            CancellationToken = cancellationToken,
        };
    }

    /// <summary>True when <c>--group-by</c> names columns: the command reports each group apart.</summary>
    public bool Grouped(ParseResult parse) => GroupColumns(parse).Count > 0;

    /// <summary>The <c>--where</c> predicate, parsed (a malformed one throws <see cref="FormulaException"/>), or null.</summary>
    public FormulaPredicate? Predicate(ParseResult parse) => parse.GetValue(Where) is { } text ? FormulaPredicate.Parse(text) : null;

    /// <summary>The <c>--group-by</c> columns (none when it is not given).</summary>
    public IReadOnlyList<string> GroupColumns(ParseResult parse)
    {
        if (parse.GetValue(GroupBy) is not { } text) return [];
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new ArgumentException("--group-by names no column (give COLUMN or COLUMN,COLUMN)");
        return names;
    }

    /// <summary>
    /// Reads <paramref name="path"/> with the options given, then drops the <c>--drop-highest</c> rows. Bad input
    /// throws <see cref="InputDataException"/> or <see cref="ArgumentException"/> (exit code 2 by <see cref="BadInputGuard"/>).
    /// </summary>
    public ObservationSet Read(ParseResult parse, string path, IReadOnlyList<ScaleVariable>? require = null, CancellationToken cancellationToken = default,
        Func<ReadOptions, ReadOptions>? adjust = null)
    {
        int drop = parse.GetValue(DropHighest);
        if (drop < 0) throw new ArgumentException($"--drop-highest must be >= 0, got {drop}");
        var options = Options(parse, require, cancellationToken);
        if (adjust is not null) options = adjust(options);
        var data = ObservationReader.Read(path, options);
        if (drop >= data.Count && drop > 0) throw new ArgumentException($"--drop-highest {drop} would leave no rows of {data.Count}");
        return data.DropHighest(drop);
    }

    /// <summary>
    /// Reads runs for <paramref name="law"/>: its variables are required, and with <c>--metric-kind</c> the metric is
    /// converted into the space the law is stated over, with a note saying what was fitted in which unit.
    /// </summary>
    public ObservationSet Read(ParseResult parse, string path, ScalingLaw law, CancellationToken cancellationToken = default)
    {
        var kind = ConvertsMetric && parse.GetValue(MetricKind) is { } text ? MetricKinds.Parse(text) : (MetricKind?)null;
        // An impossible conversion (accuracy for a law of losses) is bad input before the file is read.
        if (kind is { } k) MetricKinds.Conversion(k, law.Space);
        var data = Read(parse, path, law.Variables, cancellationToken);
        return kind is { } known ? MetricKinds.Convert(data, known, law.Space, law.Name) : data;
    }

    /// <summary>Writes the data's notes (the columns read, derivations, warnings) to standard error, for commands whose output does not carry them.</summary>
    public static void Announce(ParseResult parse, ObservationSet data) => Announce(parse, data.Source, data.Diagnostics);

    /// <summary>Writes <paramref name="diagnostics"/> of <paramref name="source"/> to standard error, one line each.</summary>
    public static void Announce(ParseResult parse, string source, IEnumerable<Diagnostics.Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            parse.InvocationConfiguration.Error.WriteLine($"{(d.Severity == Diagnostics.DiagnosticSeverity.Info ? "note" : d.Severity.ToString().ToLowerInvariant())}: {source}: {d.Message}");
        }
    }

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
