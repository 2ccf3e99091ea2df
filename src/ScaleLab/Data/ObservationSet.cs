using System.Globalization;
using ScaleLab.Diagnostics;

namespace ScaleLab.Data;

/// <summary>The observations read from one source, with the metric's name and what reading found.</summary>
public sealed class ObservationSet
{
    /// <summary>Creates a set. The list is copied.</summary>
    /// <param name="source">Path of the file read, or a label.</param>
    /// <param name="metricName">Name of the metric column.</param>
    /// <param name="observations">The observations.</param>
    /// <param name="diagnostics">What reading found.</param>
    /// <param name="presentVariables">Scale variables the source really holds (read or derived by C = 6ND);
    /// null means N, D and C, plus U_D when any observation has it.</param>
    public ObservationSet(string source, string metricName, IEnumerable<Observation> observations, IEnumerable<Diagnostic>? diagnostics = null,
        IEnumerable<ScaleVariable>? presentVariables = null)
    {
        Source = source;
        MetricName = metricName;
        Observations = observations.ToArray();
        Diagnostics = diagnostics?.ToArray() ?? [];
        PresentVariables = presentVariables?.Distinct().Order().ToArray()
            ?? (Observations.Any(o => o.UniqueTokens is not null)
                ? [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute, ScaleVariable.UniqueTokens]
                : [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute]);
    }

    /// <summary>Path of the file read, or a label for data made in code.</summary>
    public string Source { get; }

    /// <summary>Name of the metric column (e.g. <c>loss</c>, <c>val_loss</c>).</summary>
    public string MetricName { get; }

    /// <summary>The observations in input order.</summary>
    public IReadOnlyList<Observation> Observations { get; }

    /// <summary>What reading found: derived columns, duplicated rows, dropped rows.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// The scale variables the source holds, read or derived. A learning curve in one variable (BNSL's
    /// dataset size, say) holds only that one: the observations carry the placeholder 1 for the others,
    /// and a law reading a variable missing here must not be fitted to the set.
    /// </summary>
    public IReadOnlyList<ScaleVariable> PresentVariables { get; }

    /// <summary>Number of observations.</summary>
    public int Count => Observations.Count;

    /// <summary>A new set holding the observations that satisfy <paramref name="keep"/>.</summary>
    public ObservationSet Where(Func<Observation, bool> keep) => new(Source, MetricName, Observations.Where(keep), Diagnostics, PresentVariables);

    /// <summary>
    /// A new set without the <paramref name="count"/> observations of highest metric (ties broken by
    /// row order), with an Info diagnostic listing them. Besiroglu et al. 2024 dropped the five
    /// highest losses of the Epoch extraction of Hoffmann's Fig. 4 this way.
    /// </summary>
    public ObservationSet DropHighest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return this;
        var dropped = Observations.Select((o, i) => (o, i)).OrderByDescending(x => x.o.Metric).ThenBy(x => x.i).Take(count).Select(x => x.i).ToHashSet();
        var rows = string.Join(", ", dropped.Order().Select(i => Observations[i].Row.ToString(CultureInfo.InvariantCulture)));
        var note = Diagnostic.Info("dropped-highest", $"dropped the {dropped.Count} rows of highest {MetricName}: rows {rows}");
        return new ObservationSet(Source, MetricName, Observations.Where((_, i) => !dropped.Contains(i)), Diagnostics.Append(note), PresentVariables);
    }
}
