using System.Collections;
using System.Globalization;
using ScaleLab.Data.Reading;
using ScaleLab.Diagnostics;

namespace ScaleLab.Data;

/// <summary>
/// The observations read from one source, with the metric's name and what reading found. A set read from
/// a file keeps its runs column by column (only the columns asked for, 8 bytes a number); laws and analyses
/// read the columns (<see cref="Values"/>, <see cref="Metric"/>), and <see cref="Observations"/> makes a row
/// object only when one is looked at. A variable the source lacks is absent: <see cref="Has"/> says so.
/// </summary>
public sealed class ObservationSet
{
    /// <summary>Creates a set. The list is copied.</summary>
    /// <param name="source">Path of the file read, or a label.</param>
    /// <param name="metricName">Name of the metric column.</param>
    /// <param name="observations">The observations.</param>
    /// <param name="diagnostics">What reading found.</param>
    /// <param name="presentVariables">Variables the source really holds (read or derived by C = 6ND); null means
    /// N, D and C when every observation has them, U_D when any has it, and the named variables every one has.</param>
    public ObservationSet(string source, string metricName, IEnumerable<Observation> observations, IEnumerable<Diagnostic>? diagnostics = null,
        IEnumerable<ScaleVariable>? presentVariables = null)
    {
        Source = source;
        MetricName = metricName;
        _rows = observations.ToArray();
        _diagnostics = diagnostics?.ToArray() ?? [];
        ScaleVariable[] present;
        if (presentVariables is null)
        {
            bool repeated = _rows.Any(o => o.UniqueTokens is not null);
            present = [.. ScalingData.From(_rows).Variables.Where(v => v != ScaleVariable.UniqueTokens || repeated)];
        }
        else
        {
            var list = presentVariables.Distinct().ToList();
            list.Sort();
            present = [.. list];
        }
        _columns = RunColumns.FromObservations(_rows, present);
    }

    internal ObservationSet(string source, string metricName, RunColumns columns, Diagnostic[] diagnostics, Observation[]? rows = null)
    {
        Source = source;
        MetricName = metricName;
        _columns = columns;
        _diagnostics = diagnostics;
        _rows = rows;
    }

    private readonly RunColumns _columns;
    private readonly Observation[]? _rows;
    private readonly Diagnostic[] _diagnostics;

    /// <summary>Path of the file read, or a label for data made in code.</summary>
    public string Source { get; }

    /// <summary>Name of the metric column (e.g. <c>loss</c>, <c>val_loss</c>).</summary>
    public string MetricName { get; }

    /// <summary>The observations in input order (made from the columns when looked at).</summary>
    public IReadOnlyList<Observation> Observations => _rows ?? (IReadOnlyList<Observation>)new RowView(_columns);

    /// <summary>What reading found: the columns used, derived columns, duplicated rows, dropped rows.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>
    /// The variables the source holds, read or derived, in order (N, D, C, U, then named ones). A learning curve
    /// in one variable (BNSL's dataset size, say) holds only that one, and a law reading a variable missing here
    /// must not be fitted to the set.
    /// </summary>
    public IReadOnlyList<ScaleVariable> PresentVariables => _columns.Variables;

    /// <summary>Number of observations.</summary>
    public int Count => _columns.Count;

    /// <summary>True when the set holds <paramref name="variable"/>.</summary>
    public bool Has(ScaleVariable variable) => _columns.Column(variable) is not null;

    /// <summary>The values of a variable, in input order.</summary>
    /// <exception cref="MissingVariableException">The set does not hold it.</exception>
    public ReadOnlySpan<double> Values(ScaleVariable variable) => Column(variable);

    /// <summary>The metric values in input order (NaN for points read without a metric).</summary>
    public ReadOnlySpan<double> Metric => _columns.Metric;

    /// <summary>The 1-based source row of each observation.</summary>
    public ReadOnlySpan<int> Rows => _columns.Rows;

    /// <summary>The <c>--group-by</c> columns the set was read with (as the source names them); empty when it has no groups.</summary>
    public IReadOnlyList<string> GroupColumns => _columns.GroupColumns;

    /// <summary>
    /// The groups of a set read with <see cref="ReadOptions.GroupBy"/>, in the order they first appear, each its rows as a
    /// set of their own (groups left without rows, by <see cref="DropHighest"/> say, are left out); empty without groups.
    /// </summary>
    public IReadOnlyList<RowGroup> Groups()
    {
        if (_columns.GroupIndex is not { } index) return [];
        var members = new List<int>[_columns.GroupValues.Length];
        for (int g = 0; g < members.Length; g++) members[g] = [];
        for (int i = 0; i < index.Length; i++) members[index[i]].Add(i);
        var groups = new List<RowGroup>(members.Length);
        for (int g = 0; g < members.Length; g++)
        {
            if (members[g].Count == 0) continue;
            var values = _columns.GroupValues[g];
            var note = Diagnostic.Info("group", $"the {members[g].Count} of {Count} rows with {RowGroup.Describe(_columns.GroupColumns, values)}");
            groups.Add(new RowGroup(_columns.GroupColumns, values, Select([.. members[g]], [note])));
        }
        return groups;
    }

    internal double[] Column(ScaleVariable variable) => _columns.Column(variable) ?? throw new MissingVariableException(variable);

    /// <summary>A new set holding the observations that satisfy <paramref name="keep"/>.</summary>
    public ObservationSet Where(Func<Observation, bool> keep)
    {
        var rows = Observations;
        var kept = new List<int>(rows.Count);
        for (int i = 0; i < rows.Count; i++) if (keep(rows[i])) kept.Add(i);
        return Select([.. kept], _diagnostics);
    }

    /// <summary>A new set of the observations at <paramref name="indices"/> (in that order), with the given diagnostics.</summary>
    internal ObservationSet Select(int[] indices, Diagnostic[] diagnostics)
    {
        Observation[]? rows = null;
        if (_rows is not null)
        {
            rows = new Observation[indices.Length];
            for (int i = 0; i < indices.Length; i++) rows[i] = _rows[indices[i]];
        }
        return new ObservationSet(Source, MetricName, _columns.Select(indices), diagnostics, rows);
    }

    /// <summary>The set with <paramref name="diagnostic"/> added.</summary>
    internal ObservationSet With(Diagnostic diagnostic) => new(Source, MetricName, _columns, [.. _diagnostics, diagnostic], _rows);

    /// <summary>
    /// A new set without the <paramref name="count"/> observations of highest metric (ties broken by
    /// row order), with an Info diagnostic listing them. Besiroglu et al. 2024 dropped the five
    /// highest losses of the Epoch extraction of Hoffmann's Fig. 4 this way.
    /// </summary>
    public ObservationSet DropHighest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return this;
        var metric = _columns.Metric;
        var order = new int[metric.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        // Highest first, then by place; NaN (no metric) sorts as the lowest.
        Array.Sort(order, (a, b) =>
        {
            int byMetric = metric[b].CompareTo(metric[a]);
            return byMetric != 0 ? byMetric : a.CompareTo(b);
        });
        int dropCount = Math.Min(count, order.Length);
        var dropped = new bool[metric.Length];
        for (int k = 0; k < dropCount; k++) dropped[order[k]] = true;
        var rows = new List<string>(dropCount);
        var kept = new List<int>(metric.Length - dropCount);
        for (int i = 0; i < metric.Length; i++)
        {
            if (dropped[i]) rows.Add(_columns.Rows[i].ToString(CultureInfo.InvariantCulture));
            else kept.Add(i);
        }
        var note = Diagnostic.Info("dropped-highest", $"dropped the {dropCount} rows of highest {MetricName}: rows {string.Join(", ", rows)}");
        return Select([.. kept], [.. _diagnostics, note]);
    }

    // The rows of a column-wise set, made on demand (not kept: 10^7 rows stay 10^7 numbers per column).
    private sealed class RowView(RunColumns columns) : IReadOnlyList<Observation>
    {
        public Observation this[int index] => (uint)index < (uint)columns.Count ? columns.Row(index) : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => columns.Count;

        public IEnumerator<Observation> GetEnumerator()
        {
            for (int i = 0; i < columns.Count; i++) yield return columns.Row(i);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
