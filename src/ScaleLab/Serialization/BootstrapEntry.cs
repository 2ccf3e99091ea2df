namespace ScaleLab.Serialization;

/// <summary>A bootstrap behind the intervals of a <see cref="FitDocument"/>.</summary>
public sealed record BootstrapEntry
{
    /// <summary>Resamples drawn.</summary>
    public int Resamples { get; init; }

    /// <summary>Resamples whose fit failed.</summary>
    public int Failed { get; init; }

    /// <summary>Seed of the resampling.</summary>
    public long Seed { get; init; }

    /// <summary>Column whose groups were resampled whole (null: rows).</summary>
    public string? ClusterBy { get; init; }

    /// <summary>Units resampled: clusters, or rows (null in documents written before it was recorded).</summary>
    public int? Clusters { get; init; }

    /// <summary>Indices of the resamples that failed (null in documents written before they were recorded).</summary>
    public IReadOnlyList<int>? FailedResamples { get; init; }

    /// <summary>Parameter vectors of the successful resamples, in the law's parameter order.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Samples { get; init; } = [];

    /// <summary>
    /// Log residuals ln ŷ − ln y of the full-data fit, one per row: with <see cref="Samples"/> they give
    /// predictive intervals for the metric of a new run (null in documents written without them).
    /// </summary>
    public IReadOnlyList<double>? LogResiduals { get; init; }
}
