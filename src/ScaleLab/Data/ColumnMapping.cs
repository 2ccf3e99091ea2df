namespace ScaleLab.Data;

/// <summary>
/// Explicit column names for <see cref="ObservationReader"/>, overriding the recognised aliases
/// (see <see cref="ColumnAliases"/>). Each property is a column name as the file spells it (matched
/// case-insensitively); null leaves the role to recognition.
/// </summary>
public sealed record ColumnMapping
{
    /// <summary>Column of the parameter count N (<c>--params</c>).</summary>
    public string? Parameters { get; init; }

    /// <summary>Column of the training tokens or samples D (<c>--tokens</c>).</summary>
    public string? Tokens { get; init; }

    /// <summary>Column of the training compute C in FLOPs (<c>--compute</c>).</summary>
    public string? Compute { get; init; }

    /// <summary>Column of the metric, e.g. a validation loss (<c>--metric</c>).</summary>
    public string? Metric { get; init; }

    /// <summary>Column of the unique training tokens U_D.</summary>
    public string? UniqueTokens { get; init; }

    /// <summary>Column of the non-embedding parameter count.</summary>
    public string? NonEmbeddingParameters { get; init; }

    /// <summary>Column of the active parameter count (mixture-of-experts).</summary>
    public string? ActiveParameters { get; init; }

    /// <summary>Column naming the run.</summary>
    public string? RunId { get; init; }

    /// <summary>Column grouping runs (IsoFLOP budget, model family).</summary>
    public string? Group { get; init; }

    /// <summary>Column of the training step.</summary>
    public string? Step { get; init; }

    /// <summary>Column of the random seed.</summary>
    public string? Seed { get; init; }

    /// <summary>
    /// Scale variables the caller cannot do without (typically a law's <c>Variables</c>). A required
    /// variable that is neither in the file nor derivable by C = 6ND is an error naming the aliases
    /// looked for; without this, a file with a single scale variable (a learning curve in D alone)
    /// loads with placeholders for the others (see <see cref="ObservationSet.PresentVariables"/>).
    /// </summary>
    public IReadOnlyList<ScaleVariable>? Require { get; init; }

    /// <summary>
    /// Columns (or, for JSON, paths such as <c>hyperparameters.params</c>) bound to named variables by
    /// <c>--var SYMBOL=COLUMN</c>. A required named variable without a binding is read from the column of the same name.
    /// </summary>
    public IReadOnlyDictionary<ScaleVariable, string> Variables { get; init; } = new Dictionary<ScaleVariable, string>();

    /// <summary>
    /// Named variables read when the source has a column of exactly their symbol (case included) that no role uses, and
    /// left absent otherwise: the symbols of a formula that are variables only if the data have them.
    /// </summary>
    public IReadOnlyList<ScaleVariable> Optional { get; init; } = [];

    /// <summary>A copy with <paramref name="variable"/> read from <paramref name="column"/>: its role for N, D, C and U, else a named binding.</summary>
    public ColumnMapping Bind(ScaleVariable variable, string column)
    {
        if (variable.IsWellKnown) return With(ColumnAliases.RoleOf(variable), column);
        var variables = new Dictionary<ScaleVariable, string>(Variables) { [variable] = column };
        return this with { Variables = variables };
    }

    /// <summary>A copy with the column of <paramref name="role"/> set to <paramref name="column"/>.</summary>
    public ColumnMapping With(ColumnRole role, string? column) => role switch
    {
        ColumnRole.Parameters => this with { Parameters = column },
        ColumnRole.Tokens => this with { Tokens = column },
        ColumnRole.Compute => this with { Compute = column },
        ColumnRole.Metric => this with { Metric = column },
        ColumnRole.UniqueTokens => this with { UniqueTokens = column },
        ColumnRole.NonEmbeddingParameters => this with { NonEmbeddingParameters = column },
        ColumnRole.ActiveParameters => this with { ActiveParameters = column },
        ColumnRole.RunId => this with { RunId = column },
        ColumnRole.Group => this with { Group = column },
        ColumnRole.Step => this with { Step = column },
        _ => this with { Seed = column },
    };

    /// <summary>The explicit column for a role, or null.</summary>
    public string? For(ColumnRole role) => role switch
    {
        ColumnRole.Parameters => Parameters,
        ColumnRole.Tokens => Tokens,
        ColumnRole.Compute => Compute,
        ColumnRole.Metric => Metric,
        ColumnRole.UniqueTokens => UniqueTokens,
        ColumnRole.NonEmbeddingParameters => NonEmbeddingParameters,
        ColumnRole.ActiveParameters => ActiveParameters,
        ColumnRole.RunId => RunId,
        ColumnRole.Group => Group,
        ColumnRole.Step => Step,
        ColumnRole.Seed => Seed,
        _ => null,
    };
}
