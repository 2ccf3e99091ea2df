namespace ScaleLab.Data;

/// <summary>
/// Column-major numeric view of observations that laws evaluate on: for each variable the data hold,
/// its values and their natural logs, and the metric and its log. Built once per fit; laws read spans.
/// N, D, C and U sit in fixed slots (a span access, no lookup); named variables are found by symbol
/// among the few the data hold. A variable the data lack is absent: <see cref="Values"/> refuses it
/// rather than handing out a placeholder.
/// </summary>
public sealed class ScalingData
{
    private readonly double[]?[] _slots;
    private readonly double[]?[] _slotLogs;
    private readonly ScaleVariable[] _named;
    private readonly double[][] _namedValues;
    private readonly double[][] _namedLogs;
    private readonly ScaleVariable[] _variables;

    private ScalingData(ScaleVariable[] variables, double[][] values, double[][] logs, double[] y, double[] logY)
    {
        _variables = variables;
        _slots = new double[ScaleVariable.WellKnownCount][];
        _slotLogs = new double[ScaleVariable.WellKnownCount][];
        int named = 0;
        foreach (var v in variables) if (!v.IsWellKnown) named++;
        _named = new ScaleVariable[named];
        _namedValues = new double[named][];
        _namedLogs = new double[named][];
        named = 0;
        for (int i = 0; i < variables.Length; i++)
        {
            var v = variables[i];
            if (v.IsWellKnown)
            {
                _slots[v.Slot] = values[i];
                _slotLogs[v.Slot] = logs[i];
            }
            else
            {
                _named[named] = v;
                _namedValues[named] = values[i];
                _namedLogs[named++] = logs[i];
            }
        }
        Y = y;
        LogY = logY;
    }

    /// <summary>Number of points.</summary>
    public int Count => Y.Length;

    /// <summary>The metric values.</summary>
    public double[] Y { get; }

    /// <summary>Natural log of the metric values.</summary>
    public double[] LogY { get; }

    /// <summary>The variables the data hold: the well-known ones in slot order, then named ones as given.</summary>
    public IReadOnlyList<ScaleVariable> Variables => _variables;

    /// <summary>True when the data hold <paramref name="variable"/>.</summary>
    public bool Has(ScaleVariable variable) => Find(variable, _slots, _namedValues) is not null;

    /// <summary>Values of a variable.</summary>
    /// <exception cref="ArgumentException">The data do not hold the variable.</exception>
    public ReadOnlySpan<double> Values(ScaleVariable variable) => Find(variable, _slots, _namedValues) ?? throw Missing(variable);

    /// <summary>Natural logs of a variable (NaN where a named variable is not positive).</summary>
    /// <exception cref="ArgumentException">The data do not hold the variable.</exception>
    public ReadOnlySpan<double> Logs(ScaleVariable variable) => Find(variable, _slotLogs, _namedLogs) ?? throw Missing(variable);

    private double[]? Find(ScaleVariable variable, double[]?[] slots, double[][] named)
    {
        if (variable.Slot >= 0) return slots[variable.Slot];
        for (int i = 0; i < _named.Length; i++) if (_named[i] == variable) return named[i];
        return null;
    }

    private static ArgumentException Missing(ScaleVariable variable) =>
        new($"the data hold no {Describe(variable)}");

    internal static string Describe(ScaleVariable variable) =>
        variable.IsWellKnown ? ColumnAliases.Describe(ColumnAliases.RoleOf(variable)) : $"variable {variable.Symbol}";

    /// <summary>
    /// Builds the view from observations (their metric must be positive for log-space fits). It holds N, D and C
    /// when every observation has them, U when every one has U or D (an observation without U was not repeated:
    /// U = D), and each named variable every observation has.
    /// </summary>
    public static ScalingData From(IReadOnlyList<Observation> observations)
    {
        int n = observations.Count;
        var variables = new List<ScaleVariable>();
        foreach (var v in ScaleVariable.WellKnown)
        {
            bool all = true;
            for (int i = 0; i < n && all; i++) all = observations[i].Has(v);
            if (v == ScaleVariable.UniqueTokens ? n > 0 && AllHaveUniqueOrTokens(observations) : all) variables.Add(v);
        }
        if (n > 0)
        {
            foreach (var v in observations[0].NamedVariables.Keys)
            {
                bool all = true;
                for (int i = 1; i < n && all; i++) all = observations[i].NamedVariables.ContainsKey(v);
                if (all) variables.Add(v);
            }
        }
        var values = new double[variables.Count][];
        for (int k = 0; k < values.Length; k++)
        {
            var v = variables[k];
            var column = values[k] = new double[n];
            for (int i = 0; i < n; i++) column[i] = observations[i].Find(v) ?? observations[i].Tokens.Value;
        }
        var y = new double[n];
        for (int i = 0; i < n; i++) y[i] = observations[i].Metric;
        return Build([.. variables], values, y);
    }

    private static bool AllHaveUniqueOrTokens(IReadOnlyList<Observation> observations)
    {
        foreach (var o in observations) if (!o.Has(ScaleVariable.UniqueTokens) && !o.Has(ScaleVariable.Tokens)) return false;
        return true;
    }

    /// <summary>Builds the view from every variable the set holds, straight from its columns.</summary>
    public static ScalingData From(ObservationSet set) => From(set, set.PresentVariables);

    /// <summary>Builds the view from the given variables of the set.</summary>
    /// <exception cref="InputDataException">The set does not hold one of the variables.</exception>
    public static ScalingData From(ObservationSet set, IEnumerable<ScaleVariable> variables)
    {
        var list = new List<ScaleVariable>();
        foreach (var v in variables)
        {
            if (list.Contains(v)) continue;
            if (!set.Has(v)) throw new InputDataException(set.Source, null, null, $"the data hold no {Describe(v)}");
            list.Add(v);
        }
        list.Sort();
        var values = new double[list.Count][];
        for (int k = 0; k < values.Length; k++) values[k] = set.Column(list[k]);
        return Build([.. list], values, set.Metric.ToArray());
    }

    /// <summary>
    /// Builds the view from columns made in code (each as long as <paramref name="metric"/>); the arrays are copied.
    /// </summary>
    public static ScalingData Create(IEnumerable<KeyValuePair<ScaleVariable, double[]>> columns, double[] metric)
    {
        var pairs = columns.ToList();
        pairs.Sort((a, b) => a.Key.CompareTo(b.Key));
        var variables = new ScaleVariable[pairs.Count];
        var values = new double[pairs.Count][];
        for (int k = 0; k < pairs.Count; k++)
        {
            if (pairs[k].Value.Length != metric.Length) throw new ArgumentException($"column {pairs[k].Key.Symbol} has {pairs[k].Value.Length} values for {metric.Length} points");
            if (k > 0 && pairs[k].Key == pairs[k - 1].Key) throw new ArgumentException($"column {pairs[k].Key.Symbol} is given twice");
            variables[k] = pairs[k].Key;
            values[k] = (double[])pairs[k].Value.Clone();
        }
        return Build(variables, values, (double[])metric.Clone());
    }

    // The arrays become the view's (value columns may be shared with an ObservationSet: nothing here writes them).
    private static ScalingData Build(ScaleVariable[] variables, double[][] values, double[] y)
    {
        var logs = new double[values.Length][];
        for (int k = 0; k < values.Length; k++) logs[k] = LogOf(values[k]);
        return new ScalingData(variables, values, logs, y, LogOf(y));
    }

    private static double[] LogOf(double[] values)
    {
        var logs = new double[values.Length];
        for (int i = 0; i < values.Length; i++) logs[i] = Math.Log(values[i]);
        return logs;
    }

    /// <summary>A view of the points at the given indices (repeats allowed), for resampling.</summary>
    public ScalingData Select(ReadOnlySpan<int> indices)
    {
        var values = new double[_variables.Length][];
        var logs = new double[_variables.Length][];
        for (int k = 0; k < _variables.Length; k++)
        {
            var v = _variables[k];
            values[k] = Gather(Find(v, _slots, _namedValues)!, indices);
            logs[k] = Gather(Find(v, _slotLogs, _namedLogs)!, indices);
        }
        return new ScalingData(_variables, values, logs, Gather(Y, indices), Gather(LogY, indices));
    }

    /// <summary>
    /// A single point at which to evaluate a law: the variables given, C = 6ND when N and D are given without C,
    /// and U = D when D is given without U (no repetition). Variables not given are absent.
    /// </summary>
    public static ScalingData Point(double? parameters = null, double? tokens = null, double? compute = null, double? uniqueTokens = null)
    {
        if (compute is null && parameters is { } n && tokens is { } d) compute = Quantities.ComputeConvention.FlopsPerParameterToken * n * d;
        if (uniqueTokens is null or <= 0) uniqueTokens = tokens;
        if (compute is <= 0) compute = parameters is { } n2 && tokens is { } d2 ? Quantities.ComputeConvention.FlopsPerParameterToken * n2 * d2 : null;
        var variables = new List<ScaleVariable>(4);
        var values = new List<double[]>(4);
        void Add(ScaleVariable v, double? x)
        {
            if (x is not { } value) return;
            variables.Add(v);
            values.Add([value]);
        }
        Add(ScaleVariable.Parameters, parameters);
        Add(ScaleVariable.Tokens, tokens);
        Add(ScaleVariable.Compute, compute);
        Add(ScaleVariable.UniqueTokens, uniqueTokens);
        return Build([.. variables], [.. values], [1.0]);
    }

    private static double[] Gather(double[] source, ReadOnlySpan<int> indices)
    {
        var result = new double[indices.Length];
        for (int i = 0; i < indices.Length; i++) result[i] = source[indices[i]];
        return result;
    }
}
