namespace ScaleLab.Store;

/// <summary>One stored run: what was asked (kind, specification, seed), how it ended and what it measured.</summary>
public sealed record RunRecord
{
    /// <summary>The study or sweep the run belongs to.</summary>
    public required string Study { get; init; }

    /// <summary>The run key: <see cref="CanonicalJson.Key"/> of the kind and the specification.</summary>
    public required string Key { get; init; }

    /// <summary>Short run identifier for tables and exports: the first 12 hex digits of the key.</summary>
    public string RunId => Key.Length > 12 ? Key[..12] : Key;

    /// <summary>The trainer, e.g. <c>random-features</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The group within the study (a regime, a width sweep); may be empty.</summary>
    public string Group { get; init; } = "";

    /// <summary>The specification as canonical JSON.</summary>
    public required string Specification { get; init; }

    /// <summary>The run's seed (part of the specification, repeated here for queries).</summary>
    public required long Seed { get; init; }

    /// <summary>Finished or failed.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>The measurements of a finished run; null for a failed one.</summary>
    public RunOutcome? Outcome { get; init; }

    /// <summary>Why a failed run failed.</summary>
    public string? Error { get; init; }

    /// <summary>Wall-clock seconds the trainer took.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>When the run ended (UTC), from the caller's clock.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>The run's named values beyond N, D and C (a sweep's extra axes); empty for study runs.</summary>
    public RunTags Tags { get; init; } = RunTags.Empty;
}
