using ScaleLab.Diagnostics;

namespace ScaleLab.Data;

/// <summary>The observations read from one source, with the metric's name and what reading found.</summary>
public sealed class ObservationSet
{
    /// <summary>Creates a set. The list is copied.</summary>
    public ObservationSet(string source, string metricName, IEnumerable<Observation> observations, IEnumerable<Diagnostic>? diagnostics = null)
    {
        Source = source;
        MetricName = metricName;
        Observations = observations.ToArray();
        Diagnostics = diagnostics?.ToArray() ?? [];
    }

    /// <summary>Path of the file read, or a label for data made in code.</summary>
    public string Source { get; }

    /// <summary>Name of the metric column (e.g. <c>loss</c>, <c>val_loss</c>).</summary>
    public string MetricName { get; }

    /// <summary>The observations in input order.</summary>
    public IReadOnlyList<Observation> Observations { get; }

    /// <summary>What reading found: derived columns, duplicated rows, dropped rows.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Number of observations.</summary>
    public int Count => Observations.Count;

    /// <summary>A new set holding the observations that satisfy <paramref name="keep"/>.</summary>
    public ObservationSet Where(Func<Observation, bool> keep) => new(Source, MetricName, Observations.Where(keep), Diagnostics);
}
