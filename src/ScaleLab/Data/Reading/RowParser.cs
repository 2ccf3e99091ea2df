using System.Globalization;
using ScaleLab.Data.Formats;
using ScaleLab.Diagnostics;
using ScaleLab.Quantities;

namespace ScaleLab.Data.Reading;

/// <summary>
/// Row parsing: the cells of the assigned columns become numbers (finite; sizes positive; the metric by the
/// missing-value policy), the missing one of N, D, C is derived by C = 6ND without overflow, and each column
/// is appended to its typed array. One pass over the cursor, constant work per cell.
/// </summary>
internal sealed class RowParser
{
    private readonly TableCursor _cursor;
    private readonly ColumnPlan _plan;
    private readonly ReadOptions _options;
    private readonly ChunkedColumn<int> _rows = new();
    private readonly ChunkedColumn<double> _metric = new();
    private readonly ChunkedColumn<double>[] _scale = [new(), new(), new(), new()];
    private readonly ChunkedColumn<double>[] _named;
    private readonly ChunkedColumn<double>? _nonEmbedding, _active, _step;
    private readonly ChunkedColumn<long>? _seed;
    private readonly TextColumn? _runId, _group;
    private readonly TextColumn[] _tags;
    private readonly List<int> _dropped = [];
    private readonly double _computeFactor;
    private readonly RowFilter? _filter;
    private readonly GroupKeyReader? _groups;
    private readonly ChunkedColumn<int>? _groupIndex;

    private RowParser(TableCursor cursor, ColumnPlan plan, ReadOptions options)
    {
        _cursor = cursor;
        _plan = plan;
        _options = options;
        _named = new ChunkedColumn<double>[plan.Named.Length];
        for (int k = 0; k < _named.Length; k++) _named[k] = new();
        if (plan.Has(ColumnRole.NonEmbeddingParameters)) _nonEmbedding = new();
        if (plan.Has(ColumnRole.ActiveParameters)) _active = new();
        if (plan.Has(ColumnRole.Step)) _step = new();
        if (plan.Has(ColumnRole.Seed)) _seed = new();
        if (plan.Has(ColumnRole.RunId)) _runId = new();
        if (plan.Has(ColumnRole.Group)) _group = new();
        _tags = new TextColumn[options.KeepTags ? plan.TagColumns.Length : 0];
        for (int t = 0; t < _tags.Length; t++) _tags[t] = new();
        _computeFactor = options.ComputeUnit.FlopsPerUnit;
        // Both are bound before any row is read, so a misspelt column stops the read at once.
        if (options.Where is { } where) _filter = RowFilter.Bind(where, cursor, plan, VariableValue);
        if (options.GroupBy.Count > 0)
        {
            _groups = GroupKeyReader.Bind(options.GroupBy, cursor, plan);
            _groupIndex = new();
        }
    }

    /// <summary>Reads every row of <paramref name="cursor"/> (already on its first row when <paramref name="hasRow"/>).</summary>
    public static (RunColumns Columns, List<Diagnostic> Diagnostics) Read(TableCursor cursor, ColumnPlan plan, ReadOptions options, bool hasRow)
    {
        var parser = new RowParser(cursor, plan, options);
        for (bool more = hasRow; more; more = cursor.MoveNext())
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            parser.ReadRow();
        }
        return parser.Finish();
    }

    private void ReadRow()
    {
        if (_filter is not null && !_filter.Keep()) return;
        double metric = double.NaN;
        if (_plan.For(ColumnRole.Metric) is { } metricCell && !ReadMetric(metricCell, out metric))
        {
            _dropped.Add(_cursor.Row);
            return;
        }
        double n = Size(ColumnRole.Parameters), d = Size(ColumnRole.Tokens), c = Size(ColumnRole.Compute);
        if (_plan.Derived is { } derived) Derive(derived, ref n, ref d, ref c);
        double u = _plan.Has(ColumnRole.UniqueTokens) ? Size(ColumnRole.UniqueTokens, optional: true) : double.NaN;
        // A run without U_D saw each token once.
        if (_plan.Has(ColumnRole.UniqueTokens) && double.IsNaN(u))
        {
            if (double.IsNaN(d)) throw Error(_plan.For(ColumnRole.UniqueTokens)!.Value.Name, "the cell is empty; a number is required");
            u = d;
        }
        _groupIndex?.Append(_groups!.Read());
        _rows.Append(_cursor.Row);
        _metric.Append(metric);
        _scale[0].Append(n);
        _scale[1].Append(d);
        _scale[2].Append(c);
        _scale[3].Append(u);
        for (int k = 0; k < _named.Length; k++)
        {
            var cell = _plan.Named[k].Source;
            _named[k].Append(Finite(cell, Text(cell, out var text), text));
        }
        _nonEmbedding?.Append(Size(ColumnRole.NonEmbeddingParameters, optional: true));
        _active?.Append(Size(ColumnRole.ActiveParameters, optional: true));
        if (_step is not null) _step.Append(Step());
        if (_seed is not null) _seed.Append(Seed());
        if (_runId is not null) AppendText(_runId, _plan.For(ColumnRole.RunId)!.Value);
        if (_group is not null) AppendText(_group, _plan.For(ColumnRole.Group)!.Value);
        for (int t = 0; t < _tags.Length; t++) AppendText(_tags[t], new CellSource(_plan.TagColumns[t], null, ""));
    }

    // A variable's value in the current row for --where, read as ReadRow reads it (errors included).
    private double VariableValue(ScaleVariable variable)
    {
        if (variable == ScaleVariable.UniqueTokens)
        {
            double u = Size(ColumnRole.UniqueTokens, optional: true);
            return double.IsNaN(u) ? VariableValue(ScaleVariable.Tokens) : u;
        }
        if (variable.IsWellKnown)
        {
            if (_plan.Derived != variable) return Size(ColumnAliases.RoleOf(variable));
            double n = Size(ColumnRole.Parameters), d = Size(ColumnRole.Tokens), c = Size(ColumnRole.Compute);
            Derive(variable, ref n, ref d, ref c);
            return variable == ScaleVariable.Parameters ? n : variable == ScaleVariable.Tokens ? d : c;
        }
        foreach (var (named, cell) in _plan.Named)
        {
            if (named == variable) return Finite(cell, Text(cell, out var text), text);
        }
        return double.NaN;
    }

    private CellKind Text(CellSource cell, out ReadOnlySpan<char> text) =>
        cell.Path is { } path ? _cursor.Cell(path, out text) : _cursor.Cell(cell.Column, out text);

    private void AppendText(TextColumn column, CellSource cell)
    {
        if (Text(cell, out var text) == CellKind.Missing) column.AppendAbsent();
        else column.Append(text);
    }

    // False when the row goes by the missing-value policy.
    private bool ReadMetric(CellSource cell, out double value)
    {
        var kind = Text(cell, out var text);
        var outcome = kind == CellKind.Missing ? NumberCell.Outcome.Empty : NumberCell.Parse(text, out _);
        value = double.NaN;
        if (outcome is NumberCell.Outcome.Empty or NumberCell.Outcome.NaN && _options.Missing == MissingPolicy.Drop) return false;
        value = Finite(cell, kind, text, missingHint: true);
        return true;
    }

    private double Size(ColumnRole role, bool optional = false)
    {
        if (_plan.For(role) is not { } cell) return double.NaN;
        var kind = Text(cell, out var text);
        if (optional && (kind == CellKind.Missing || text.IsWhiteSpace())) return double.NaN;
        double value = Finite(cell, kind, text);
        if (value <= 0) throw Error(cell.Name, $"{InputText.Show(text.Trim())} is not a positive number ({ColumnAliases.Describe(role)} must be > 0)");
        if (role == ColumnRole.Compute && _computeFactor != 1)
        {
            value *= _computeFactor;
            if (double.IsInfinity(value)) throw Error(cell.Name, $"{InputText.Show(text.Trim())} {_options.ComputeUnit.Name} is beyond the range of a double in FLOP");
        }
        return value;
    }

    private double Finite(CellSource cell, CellKind kind, ReadOnlySpan<char> text, bool missingHint = false)
    {
        var hint = missingHint ? "; rows without a metric can be skipped with --missing drop" : "";
        if (kind == CellKind.Missing) throw Error(cell.Name, $"the cell is empty; a number is required{hint}");
        var outcome = NumberCell.Parse(text, out var value);
        if (outcome == NumberCell.Outcome.Number) return value;
        var shown = InputText.Show(text.Trim());
        throw outcome switch
        {
            NumberCell.Outcome.Empty => Error(cell.Name, $"the cell is empty; a number is required{hint}"),
            NumberCell.Outcome.NaN => Error(cell.Name, $"'{shown}' is not allowed: values must be finite numbers{hint}"),
            NumberCell.Outcome.Infinite => Error(cell.Name, $"'{shown}' is infinite; values must be finite numbers"),
            _ => Error(cell.Name, $"'{shown}' is not a number (write numbers like 1.5e9 or 0.25, with a point and no thousands separators)"),
        };
    }

    // The third of N, D, C from the other two, ordered so that no intermediate overflows: with N = 1e308,
    // 6N is infinite but C/6/N is not.
    private void Derive(ScaleVariable derived, ref double n, ref double d, ref double c)
    {
        const double six = ComputeConvention.FlopsPerParameterToken;
        double value;
        string formula;
        double logValue;
        if (derived == ScaleVariable.Parameters)
        {
            value = c / six / d;
            formula = "C/(6D)";
            logValue = Math.Log10(c) - Math.Log10(six) - Math.Log10(d);
            n = value;
        }
        else if (derived == ScaleVariable.Tokens)
        {
            value = c / six / n;
            formula = "C/(6N)";
            logValue = Math.Log10(c) - Math.Log10(six) - Math.Log10(n);
            d = value;
        }
        else
        {
            value = six * n * d;
            formula = "6ND";
            logValue = Math.Log10(six) + Math.Log10(n) + Math.Log10(d);
            c = value;
        }
        if (!Quantity.IsPositive(value))
        {
            var approx = double.IsFinite(logValue) ? $" (about 1e{Math.Round(logValue).ToString(CultureInfo.InvariantCulture)}, outside the range of a double)" : "";
            throw new InputDataException(_cursor.RowSource, _cursor.RowInSource, null, $"{formula} = {Quantity.Format(value)} is not a positive finite number{approx}");
        }
    }

    private double Step()
    {
        var cell = _plan.For(ColumnRole.Step)!.Value;
        var kind = Text(cell, out var text);
        if (kind == CellKind.Missing || text.IsWhiteSpace()) return double.NaN;
        double value = Finite(cell, kind, text);
        if (value < 0) throw Error(cell.Name, $"{InputText.Show(text.Trim())} is negative; a step must be >= 0");
        return value;
    }

    private long Seed()
    {
        var cell = _plan.For(ColumnRole.Seed)!.Value;
        if (Text(cell, out var raw) == CellKind.Missing || raw.IsWhiteSpace()) return RunColumns.NoSeed;
        var text = raw.Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) && seed != RunColumns.NoSeed) return seed;
        if (NumberCell.Parse(text, out var x) == NumberCell.Outcome.Number && x == Math.Floor(x) && Math.Abs(x) < 9e15) return (long)x;
        throw Error(cell.Name, $"'{InputText.Show(text)}' is not an integer seed");
    }

    private InputDataException Error(string column, string reason) => new(_cursor.RowSource, _cursor.RowInSource, column, reason);

    private (RunColumns, List<Diagnostic>) Finish()
    {
        var diagnostics = new List<Diagnostic>();
        if (_filter is { } filter)
        {
            if (filter.Kept == 0) throw new InputDataException(_cursor.Source, null, null, $"--where '{InputText.Show(filter.Text)}' keeps none of the {filter.Seen} rows");
            diagnostics.Add(Diagnostic.Info("where", $"--where '{InputText.Show(filter.Text)}' kept {filter.Kept} of {filter.Seen} rows"));
        }
        if (_dropped.Count > 0)
        {
            var shown = string.Join(", ", _dropped.Take(8).Select(r => r.ToString(CultureInfo.InvariantCulture))) + (_dropped.Count > 8 ? ", …" : "");
            diagnostics.Add(Diagnostic.Info("dropped-missing", $"dropped {_dropped.Count} row(s) with no {_plan.For(ColumnRole.Metric)!.Value.Name} (--missing drop): rows {shown}"));
        }
        var variables = new List<ScaleVariable>();
        var values = new List<double[]>();
        foreach (var v in _plan.PresentScale)
        {
            variables.Add(v);
            values.Add(_scale[v.Slot].ToArray());
        }
        if (_plan.Derived is { } derived)
        {
            variables.Add(derived);
            values.Add(_scale[derived.Slot].ToArray());
        }
        if (_plan.Has(ColumnRole.UniqueTokens))
        {
            variables.Add(ScaleVariable.UniqueTokens);
            values.Add(_scale[3].ToArray());
        }
        for (int k = 0; k < _named.Length; k++)
        {
            variables.Add(_plan.Named[k].Variable);
            values.Add(_named[k].ToArray());
        }
        var order = new int[variables.Count];
        for (int k = 0; k < order.Length; k++) order[k] = k;
        Array.Sort(order, (a, b) => variables[a].CompareTo(variables[b]));
        var tagNames = new string[_tags.Length];
        for (int t = 0; t < tagNames.Length; t++) tagNames[t] = _cursor.Columns[_plan.TagColumns[t]];
        var columns = new RunColumns
        {
            Rows = _rows.ToArray(),
            Metric = _metric.ToArray(),
            Variables = [.. order.Select(k => variables[k])],
            Values = [.. order.Select(k => values[k])],
            NonEmbedding = _nonEmbedding?.ToArray(),
            Active = _active?.ToArray(),
            Step = _step?.ToArray(),
            Seed = _seed?.ToArray(),
            RunId = _runId,
            Group = _group,
            TagNames = tagNames,
            Tags = _tags,
            Derived = _plan.Derived,
            GroupColumns = _groups?.Columns ?? [],
            GroupValues = _groups is null ? [] : [.. _groups.Values],
            GroupIndex = _groupIndex?.ToArray(),
        };
        return (columns, diagnostics);
    }
}
