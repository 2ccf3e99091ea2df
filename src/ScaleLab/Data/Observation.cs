using ScaleLab.Quantities;

namespace ScaleLab.Data;

/// <summary>
/// One trained model measured once. N, D and C are all present after reading: a missing one is
/// derived with C = 6ND and <see cref="Derived"/> says which.
/// </summary>
public sealed record Observation
{
    /// <summary>1-based data row in the source file (0 for observations made in code).</summary>
    public int Row { get; init; }

    /// <summary>Parameters N as the input counts them (total unless the user says otherwise).</summary>
    public required ParameterCount Parameters { get; init; }

    /// <summary>Non-embedding parameters (Kaplan's N), when the input has them.</summary>
    public ParameterCount? NonEmbeddingParameters { get; init; }

    /// <summary>Parameters active per token (mixture-of-experts), when the input has them.</summary>
    public ParameterCount? ActiveParameters { get; init; }

    /// <summary>Training tokens or samples D.</summary>
    public required TokenCount Tokens { get; init; }

    /// <summary>Unique training tokens U_D, when data were repeated.</summary>
    public TokenCount? UniqueTokens { get; init; }

    /// <summary>Epochs over the unique data, when given or derivable (D / U_D).</summary>
    public double? Epochs { get; init; }

    /// <summary>Training compute C.</summary>
    public required Flops Compute { get; init; }

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

    /// <summary>Every other column of the input, kept verbatim.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();

    /// <summary>The value of a scale variable for this observation.</summary>
    public double Get(ScaleVariable variable) => variable switch
    {
        ScaleVariable.Parameters => Parameters.Value,
        ScaleVariable.Tokens => Tokens.Value,
        ScaleVariable.Compute => Compute.Value,
        ScaleVariable.UniqueTokens => (UniqueTokens ?? Tokens).Value,
        _ => throw new ArgumentOutOfRangeException(nameof(variable)),
    };

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
}
