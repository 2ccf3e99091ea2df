namespace ScaleLab.Store;

/// <summary>What a <see cref="StoreCopy"/> did: for each kind of row, how many it added and how many the target already had.</summary>
public sealed record StoreCopySummary
{
    /// <summary>Studies added to the target.</summary>
    public required int StudiesAdded { get; init; }

    /// <summary>Studies the target already had (same name and seed).</summary>
    public required int StudiesPresent { get; init; }

    /// <summary>Sweeps added to the target.</summary>
    public required int SweepsAdded { get; init; }

    /// <summary>Sweeps the target already had.</summary>
    public required int SweepsPresent { get; init; }

    /// <summary>Runs written to the target (new ones, and finished ones replacing a failure there).</summary>
    public required int RunsCopied { get; init; }

    /// <summary>Runs the target already had (finished, or failed as in the source) and kept.</summary>
    public required int RunsKept { get; init; }

    /// <summary>Attempts added to the target.</summary>
    public required int AttemptsCopied { get; init; }

    /// <summary>Whether the copy was cancelled before the end; run it again to finish (nothing is copied twice).</summary>
    public bool Cancelled { get; init; }
}
