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
        : this(source, metricName, observations.ToArray(), diagnostics?.ToArray() ?? [], presentVariables?.Distinct().Order().ToArray())
    {
    }

    /// <summary>
    /// Creates a set from arrays it keeps; <paramref name="presentVariables"/> must be distinct and in ascending
    /// order. The reader and the filters use it: no LINQ over the enum, which start-up would have to compile.
    /// </summary>
    internal ObservationSet(string source, string metricName, Observation[] observations, Diagnostic[] diagnostics, ScaleVariable[]? presentVariables)
    {
        Source = source;
        MetricName = metricName;
        _observations = observations;
        _diagnostics = diagnostics;
        _presentVariables = presentVariables
            ?? (observations.Any(o => o.UniqueTokens is not null)
                ? [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute, ScaleVariable.UniqueTokens]
                : [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute]);
    }

    private readonly Observation[] _observations;
    private readonly Diagnostic[] _diagnostics;
    private readonly ScaleVariable[] _presentVariables;

    /// <summary>Path of the file read, or a label for data made in code.</summary>
    public string Source { get; }

    /// <summary>Name of the metric column (e.g. <c>loss</c>, <c>val_loss</c>).</summary>
    public string MetricName { get; }

    /// <summary>The observations in input order.</summary>
    public IReadOnlyList<Observation> Observations => _observations;

    /// <summary>What reading found: derived columns, duplicated rows, dropped rows.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>
    /// The scale variables the source holds, read or derived. A learning curve in one variable (BNSL's
    /// dataset size, say) holds only that one: the observations carry the placeholder 1 for the others,
    /// and a law reading a variable missing here must not be fitted to the set.
    /// </summary>
    public IReadOnlyList<ScaleVariable> PresentVariables => _presentVariables;

    /// <summary>Number of observations.</summary>
    public int Count => _observations.Length;

    /// <summary>A new set holding the observations that satisfy <paramref name="keep"/>.</summary>
    public ObservationSet Where(Func<Observation, bool> keep) => new(Source, MetricName, _observations.Where(keep).ToArray(), _diagnostics, _presentVariables);

    /// <summary>
    /// A new set without the <paramref name="count"/> observations of highest metric (ties broken by
    /// row order), with an Info diagnostic listing them. Besiroglu et al. 2024 dropped the five
    /// highest losses of the Epoch extraction of Hoffmann's Fig. 4 this way.
    /// </summary>
    public ObservationSet DropHighest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return this;
        var observations = _observations;
        var ranked = new Ranked[observations.Length];
        for (int i = 0; i < ranked.Length; i++) ranked[i] = new Ranked(i, observations[i].Metric);
        Array.Sort(ranked, Ranked.HighestFirst);
        var dropped = new bool[observations.Length];
        int dropCount = Math.Min(count, ranked.Length);
        for (int k = 0; k < dropCount; k++) dropped[ranked[k].Index] = true;
        var rows = new List<string>(dropCount);
        var kept = new List<Observation>(observations.Length - dropCount);
        for (int i = 0; i < observations.Length; i++)
        {
            if (dropped[i]) rows.Add(observations[i].Row.ToString(CultureInfo.InvariantCulture));
            else kept.Add(observations[i]);
        }
        var note = Diagnostic.Info("dropped-highest", $"dropped the {dropCount} rows of highest {MetricName}: rows {string.Join(", ", rows)}");
        return new ObservationSet(Source, MetricName, kept.ToArray(), [.. _diagnostics, note], _presentVariables);
    }

    // An observation's place and metric, ordered by metric, highest first, then by place (a class: sorting
    // an array of references needs no generic code compiled at start-up).
    private sealed class Ranked(int index, double metric)
    {
        public static readonly Comparison<Ranked> HighestFirst = (a, b) =>
        {
            int byMetric = b.Metric.CompareTo(a.Metric);
            return byMetric != 0 ? byMetric : a.Index.CompareTo(b.Index);
        };

        public int Index { get; } = index;

        public double Metric { get; } = metric;
    }
}
