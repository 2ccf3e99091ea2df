namespace ScaleLab.Data;

/// <summary>What a column of an input file means to the reader.</summary>
public enum ColumnRole
{
    /// <summary>Parameter count N.</summary>
    Parameters,

    /// <summary>Training tokens or samples D.</summary>
    Tokens,

    /// <summary>Training compute C.</summary>
    Compute,

    /// <summary>The metric (loss).</summary>
    Metric,

    /// <summary>Unique training tokens U_D.</summary>
    UniqueTokens,

    /// <summary>Non-embedding parameter count.</summary>
    NonEmbeddingParameters,

    /// <summary>Active parameter count.</summary>
    ActiveParameters,

    /// <summary>Run identifier.</summary>
    RunId,

    /// <summary>Group label.</summary>
    Group,

    /// <summary>Training step.</summary>
    Step,

    /// <summary>Random seed.</summary>
    Seed,
}
