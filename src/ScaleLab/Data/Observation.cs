using System.Text;
using ScaleLab.Quantities;

namespace ScaleLab.Data;

/// <summary>
/// One trained model measured once. After reading, N, D and C are present when the source holds two of
/// them (a missing one is derived with C = 6ND and <see cref="Derived"/> says which); a learning curve in
/// one variable holds only that one. A variable the row lacks is absent, not a placeholder: reading it
/// throws <see cref="MissingVariableException"/>; ask <see cref="Has"/> or <see cref="Find"/> first.
/// </summary>
public sealed record Observation
{
    private readonly ParameterCount? _parameters;
    private readonly TokenCount? _tokens;
    private readonly Flops? _compute;

    /// <summary>1-based data row in the source file (0 for observations made in code).</summary>
    public int Row { get; init; }

    /// <summary>Parameters N as the input counts them (total unless the user says otherwise).</summary>
    /// <exception cref="MissingVariableException">The row holds no N.</exception>
    public ParameterCount Parameters
    {
        get => _parameters ?? throw new MissingVariableException(ScaleVariable.Parameters);
        init => _parameters = value;
    }

    /// <summary>Non-embedding parameters (Kaplan's N), when the input has them.</summary>
    public ParameterCount? NonEmbeddingParameters { get; init; }

    /// <summary>Parameters active per token (mixture-of-experts), when the input has them.</summary>
    public ParameterCount? ActiveParameters { get; init; }

    /// <summary>Training tokens or samples D.</summary>
    /// <exception cref="MissingVariableException">The row holds no D.</exception>
    public TokenCount Tokens
    {
        get => _tokens ?? throw new MissingVariableException(ScaleVariable.Tokens);
        init => _tokens = value;
    }

    /// <summary>Unique training tokens U_D, when data were repeated.</summary>
    public TokenCount? UniqueTokens { get; init; }

    /// <summary>Epochs over the unique data, when given or derivable (D / U_D).</summary>
    public double? Epochs { get; init; }

    /// <summary>Training compute C.</summary>
    /// <exception cref="MissingVariableException">The row holds no C.</exception>
    public Flops Compute
    {
        get => _compute ?? throw new MissingVariableException(ScaleVariable.Compute);
        init => _compute = value;
    }

    /// <summary>The metric value (loss by default); its name is on the <see cref="ObservationSet"/>.</summary>
    public required double Metric { get; init; }

    /// <summary>Which of N, D, C was derived from the other two, if any.</summary>
    public ScaleVariable? Derived { get; init; }

    /// <summary>Run identifier, if the input names runs.</summary>
    public string? RunId { get; init; }

    /// <summary>A grouping such as an IsoFLOP budget or model family.</summary>
    public string? Group { get; init; }

    /// <summary>Training step of this measurement, for per-step curves.</summary>
    public double? Step { get; init; }

    /// <summary>Random seed of the run.</summary>
    public long? Seed { get; init; }

    /// <summary>Values of the named variables bound to columns (<c>--var V=vocab</c>), by variable.</summary>
    public IReadOnlyDictionary<ScaleVariable, double> NamedVariables { get; init; } = EmptyNamed;

    /// <summary>Every other column of the input, kept verbatim.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();
    private static readonly IReadOnlyDictionary<ScaleVariable, double> EmptyNamed = new Dictionary<ScaleVariable, double>();

    /// <summary>True when the row holds <paramref name="variable"/> (U only when given, not as D).</summary>
    public bool Has(ScaleVariable variable) => Find(variable) is not null && (variable != ScaleVariable.UniqueTokens || UniqueTokens is not null);

    /// <summary>
    /// The value of a variable, or null when the row lacks it. U falls back to D: a run without U_D saw
    /// each token once.
    /// </summary>
    public double? Find(ScaleVariable variable)
    {
        if (variable == ScaleVariable.Parameters) return _parameters?.Value;
        if (variable == ScaleVariable.Tokens) return _tokens?.Value;
        if (variable == ScaleVariable.Compute) return _compute?.Value;
        if (variable == ScaleVariable.UniqueTokens) return (UniqueTokens ?? _tokens)?.Value;
        return NamedVariables.TryGetValue(variable, out var value) ? value : null;
    }

    /// <summary>The value of a variable.</summary>
    /// <exception cref="MissingVariableException">The row lacks it.</exception>
    public double Get(ScaleVariable variable) => Find(variable) ?? throw new MissingVariableException(variable);

    /// <summary>Creates an observation from N and D, with C = 6ND.</summary>
    public static Observation FromParametersAndTokens(double parameters, double tokens, double metric)
    {
        var n = ParameterCount.Of(parameters);
        var d = TokenCount.Of(tokens);
        return new Observation { Parameters = n, Tokens = d, Compute = ComputeConvention.Compute(n, d), Metric = metric, Derived = ScaleVariable.Compute };
    }

    /// <summary>Creates an observation from N and C, with D = C/(6N).</summary>
    public static Observation FromParametersAndCompute(double parameters, double compute, double metric)
    {
        var n = ParameterCount.Of(parameters);
        var c = Flops.Of(compute);
        return new Observation { Parameters = n, Tokens = ComputeConvention.Tokens(c, n), Compute = c, Metric = metric, Derived = ScaleVariable.Tokens };
    }

    // The generated printer would read absent variables and throw.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Row = ").Append(Row);
        if (_parameters is { } n) builder.Append(", Parameters = ").Append(n);
        if (_tokens is { } d) builder.Append(", Tokens = ").Append(d);
        if (_compute is { } c) builder.Append(", Compute = ").Append(c);
        if (UniqueTokens is { } u) builder.Append(", UniqueTokens = ").Append(u);
        builder.Append(", Metric = ").Append(Quantity.Format(Metric));
        if (RunId is not null) builder.Append(", RunId = ").Append(RunId);
        return true;
    }
}
