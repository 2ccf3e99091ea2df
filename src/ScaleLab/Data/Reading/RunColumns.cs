using ScaleLab.Quantities;

namespace ScaleLab.Data.Reading;

/// <summary>
/// The runs of a set column by column: only the columns the reader was asked for, each a typed array
/// (numbers 8 bytes a value; text in <see cref="TextColumn"/>s). Optional numeric columns hold NaN where a
/// row has no value. An <see cref="Observation"/> is made from a row only when someone looks at it.
/// </summary>
internal sealed class RunColumns
{
    public required int[] Rows { get; init; }

    public required double[] Metric { get; init; }

    /// <summary>The variables held, sorted (<see cref="ScaleVariable.CompareTo"/>), parallel to <see cref="Values"/>.</summary>
    public required ScaleVariable[] Variables { get; init; }

    public required double[][] Values { get; init; }

    public double[]? NonEmbedding { get; init; }

    public double[]? Active { get; init; }

    public double[]? Step { get; init; }

    /// <summary>Seeds; <see cref="NoSeed"/> where a row has none.</summary>
    public long[]? Seed { get; init; }

    public TextColumn? RunId { get; init; }

    public TextColumn? Group { get; init; }

    public string[] TagNames { get; init; } = [];

    public TextColumn[] Tags { get; init; } = [];

    /// <summary>The variable derived by C = 6ND on every row, if any.</summary>
    public ScaleVariable? Derived { get; init; }

    /// <summary>The <c>--group-by</c> columns as the source names them; empty without groups.</summary>
    public string[] GroupColumns { get; init; } = [];

    /// <summary>The values of each group in <see cref="GroupColumns"/>, in first-appearance order.</summary>
    public string[][] GroupValues { get; init; } = [];

    /// <summary>The group of each row (an index into <see cref="GroupValues"/>); null without groups.</summary>
    public int[]? GroupIndex { get; init; }

    public const long NoSeed = long.MinValue;

    private Dictionary<string, int>? _tagIndex;

    // Tag column by name, built once when a row's tags are first looked at.
    private Dictionary<string, int> TagIndex
    {
        get
        {
            if (_tagIndex is { } index) return index;
            index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int t = 0; t < TagNames.Length; t++) index.TryAdd(TagNames[t], t);
            return _tagIndex = index;
        }
    }

    public int Count => Rows.Length;

    public double[]? Column(ScaleVariable variable)
    {
        for (int k = 0; k < Variables.Length; k++) if (Variables[k] == variable) return Values[k];
        return null;
    }

    /// <summary>Row <paramref name="i"/> as an observation.</summary>
    public Observation Row(int i)
    {
        double? n = Value(ScaleVariable.Parameters, i), d = Value(ScaleVariable.Tokens, i), c = Value(ScaleVariable.Compute, i);
        double? u = Value(ScaleVariable.UniqueTokens, i);
        Dictionary<ScaleVariable, double>? named = null;
        for (int k = 0; k < Variables.Length; k++)
        {
            if (Variables[k].IsWellKnown) continue;
            (named ??= []).Add(Variables[k], Values[k][i]);
        }
        var observation = new Observation
        {
            Row = Rows[i],
            NonEmbeddingParameters = Optional(NonEmbedding, i) is { } ne ? ParameterCount.Of(ne) : null,
            ActiveParameters = Optional(Active, i) is { } ap ? ParameterCount.Of(ap) : null,
            UniqueTokens = u is { } uu ? TokenCount.Of(uu) : null,
            Epochs = u is { } uniq && d is { } dd ? dd / uniq : null,
            Metric = Metric[i],
            Derived = Derived,
            RunId = Text(RunId, i),
            Group = Text(Group, i),
            Step = Optional(Step, i),
            Seed = Seed is { } seeds && seeds[i] != NoSeed ? seeds[i] : null,
        };
        if (named is not null) observation = observation with { NamedVariables = named };
        if (Tags.Length > 0) observation = observation with { Tags = new TagView(TagNames, Tags, TagIndex, i) };
        if (n is { } nv) observation = observation with { Parameters = ParameterCount.Of(nv) };
        if (d is { } dv) observation = observation with { Tokens = TokenCount.Of(dv) };
        if (c is { } cv) observation = observation with { Compute = Flops.Of(cv) };
        return observation;
    }

    private double? Value(ScaleVariable variable, int i) => Column(variable) is { } column ? column[i] : null;

    private static double? Optional(double[]? column, int i) => column is not null && !double.IsNaN(column[i]) ? column[i] : null;

    private static string? Text(TextColumn? column, int i)
    {
        if (column is null || column.IsAbsent(i)) return null;
        var span = column.Span(i).Trim();
        return span.IsEmpty ? null : new string(span);
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public RunColumns Select(int[] indices)
    {
        var values = new double[Values.Length][];
        for (int k = 0; k < values.Length; k++) values[k] = Gather(Values[k], indices)!;
        var tags = new TextColumn[Tags.Length];
        for (int t = 0; t < tags.Length; t++) tags[t] = Tags[t].Select(indices);
        return new RunColumns
        {
            Rows = Gather(Rows, indices)!,
            Metric = Gather(Metric, indices)!,
            Variables = Variables,
            Values = values,
            NonEmbedding = Gather(NonEmbedding, indices),
            Active = Gather(Active, indices),
            Step = Gather(Step, indices),
            Seed = Gather(Seed, indices),
            RunId = RunId?.Select(indices),
            Group = Group?.Select(indices),
            TagNames = TagNames,
            Tags = tags,
            Derived = Derived,
            GroupColumns = GroupColumns,
            GroupValues = GroupValues,
            GroupIndex = Gather(GroupIndex, indices),
        };
    }

    private static T[]? Gather<T>(T[]? source, int[] indices)
    {
        if (source is null) return null;
        var result = new T[indices.Length];
        for (int i = 0; i < indices.Length; i++) result[i] = source[indices[i]];
        return result;
    }

    /// <summary>The numeric columns of observations made in code (the set keeps the observations themselves for its rows).</summary>
    public static RunColumns FromObservations(Observation[] rows, ScaleVariable[] variables)
    {
        var values = new double[variables.Length][];
        for (int k = 0; k < variables.Length; k++)
        {
            var column = values[k] = new double[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                column[i] = rows[i].Find(variables[k])
                    ?? throw new ArgumentException($"observation {i + 1} (row {rows[i].Row}) holds no {ScalingData.Describe(variables[k])}, which the set is said to hold");
            }
        }
        var rowNumbers = new int[rows.Length];
        var metric = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            rowNumbers[i] = rows[i].Row;
            metric[i] = rows[i].Metric;
        }
        return new RunColumns { Rows = rowNumbers, Metric = metric, Variables = variables, Values = values };
    }
}
