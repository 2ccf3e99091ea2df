using System.Text;
using ScaleLab.Data.Formats;
using ScaleLab.Data.Reading;
using ScaleLab.Diagnostics;
using ScaleLab.Quantities;

namespace ScaleLab.Data;

/// <summary>
/// Reads training runs into an <see cref="ObservationSet"/>: CSV (RFC 4180; comma, semicolon or tab, sniffed
/// from the header), TSV, JSON (an array of objects, or an object holding a "runs" or "rows" array), JSON
/// Lines, a folder or glob of per-run JSON files, Parquet (through <see cref="ReadOptions.OpenParquet"/>), or
/// standard input (<c>-</c>). The work is split in four: a format reader (<see cref="TableCursor"/>) streams
/// cells, column assignment finds each role's column by <see cref="ColumnAliases"/> unless a
/// <see cref="ColumnMapping"/> names it, row parsing turns cells into typed columns (numbers in invariant
/// notation whatever the culture; a missing one of N, D, C derived by C = 6ND), and duplicate detection
/// reports repeated rows. Every problem with the input throws <see cref="InputDataException"/> naming the
/// file, the 1-based data row and the column.
/// </summary>
public static class ObservationReader
{
    /// <summary>Reads a file; the format follows the extension (.csv, .tsv, .json, .jsonl/.ndjson, .parquet), else the content.</summary>
    public static ObservationSet Read(string path, ColumnMapping? mapping = null) => Read(path, new ReadOptions { Mapping = mapping });

    /// <summary>Reads a file, <c>-</c> (standard input), a folder or a glob of per-run JSON files.</summary>
    public static ObservationSet Read(string path, ReadOptions options)
    {
        using var cursor = InputOpener.Open(path, options);
        return Read(cursor, options);
    }

    /// <summary>
    /// Reads points at which to predict: like <see cref="Read(string, ColumnMapping?)"/>, but the metric column is optional
    /// (when absent, <see cref="Observation.Metric"/> is NaN and the set's metric name is empty).
    /// </summary>
    public static ObservationSet ReadPoints(string path, ColumnMapping? mapping = null) => Read(path, new ReadOptions { Mapping = mapping, RequireMetric = false });

    /// <summary>Reads comma-separated values with a header row.</summary>
    public static ObservationSet ReadCsv(TextReader reader, string sourceName, ColumnMapping? mapping = null) =>
        ReadCsv(reader, sourceName, new ReadOptions { Mapping = mapping });

    /// <summary>Reads comma-separated values with a header row, with the options given (a selection, groups, policies).</summary>
    public static ObservationSet ReadCsv(TextReader reader, string sourceName, ReadOptions options)
    {
        using var cursor = new DelimitedCursor(reader, sourceName, ',');
        return Read(cursor, options);
    }

    /// <summary>Reads a JSON array of objects, or an object with a "runs" or "rows" array of objects.</summary>
    public static ObservationSet ReadJson(TextReader reader, string sourceName, ColumnMapping? mapping = null)
    {
        using var cursor = JsonRowsCursor.Table(Encoding.UTF8.GetBytes(reader.ReadToEnd()), sourceName);
        return Read(cursor, new ReadOptions { Mapping = mapping });
    }

    /// <summary>Reads JSON Lines: one object per non-blank line.</summary>
    public static ObservationSet ReadJsonLines(TextReader reader, string sourceName, ColumnMapping? mapping = null)
    {
        using var cursor = JsonRowsCursor.Lines(Encoding.UTF8.GetBytes(reader.ReadToEnd()), sourceName);
        return Read(cursor, new ReadOptions { Mapping = mapping });
    }

    /// <summary>Reads the rows of any format reader.</summary>
    public static ObservationSet Read(TableCursor cursor, ReadOptions options)
    {
        var source = cursor.Source;
        bool hasRow = cursor.MoveNext();
        if (!hasRow) throw new InputDataException(source, null, null, cursor.Columns.Count == 0 ? "no data rows" : "no data rows, only a header");
        if (cursor.Columns.Count == 0) throw new InputDataException(source, null, null, "the rows have no columns");
        var plan = ColumnAssigner.Assign(cursor, options.Mapping, options.RequireMetric);
        var diagnostics = new List<Diagnostic>(plan.Diagnostics);
        if (plan.Derived is { } derived)
        {
            var (code, how) = derived == ScaleVariable.Parameters ? ("derived-parameters", "parameters derived as C/(6D)")
                : derived == ScaleVariable.Tokens ? ("derived-tokens", "tokens derived as C/(6N)") : ("derived-compute", "compute derived as 6ND");
            diagnostics.Add(Diagnostic.Info(code, $"{how} for all rows"));
        }
        else if (plan.PresentScale.Length == 1)
        {
            diagnostics.Add(Diagnostic.Info("single-scale-variable",
                $"only {ColumnAliases.Describe(ColumnAliases.RoleOf(plan.PresentScale[0]))} is present; the other scale variables are absent and laws that read them refuse this data"));
        }
        var (columns, found) = RowParser.Read(cursor, plan, options, hasRow);
        if (columns.Count == 0) throw new InputDataException(source, null, null, "no data rows left: every row lacks the metric (--missing drop)");
        // The format's notes (its delimiter, encoding, comment lines) are complete once every row is read.
        diagnostics.InsertRange(0, cursor.Diagnostics);
        diagnostics.Add(Diagnostic.Info("columns", Describe(plan, options.ComputeUnit, columns.Count)));
        diagnostics.AddRange(found);
        var metricName = plan.For(ColumnRole.Metric) is { } metric ? metric.Name : "";
        if (options.RequireMetric && DuplicateRows.Find(columns, metricName) is { } duplicates) diagnostics.Add(duplicates);
        if (plan.For(ColumnRole.Compute) is { } compute && ComputeConsistency.Check(columns, compute.Name, options.ComputeUnit) is { } check) diagnostics.Add(check);
        if (columns.GroupIndex is { } groups) diagnostics.Add(Diagnostic.Info("groups", DescribeGroups(columns, groups)));
        else if (options.RequireMetric && PooledSources.Check(columns, Candidates(plan, columns)) is { } pooled) diagnostics.Add(pooled);
        return new ObservationSet(source, metricName, columns, [.. diagnostics]);
    }

    // "5 groups by source: 'llama_3' (266 rows), 'marin_202603' (258 rows), …".
    private static string DescribeGroups(RunColumns columns, int[] groups)
    {
        var counts = new int[columns.GroupValues.Length];
        foreach (var g in groups) counts[g]++;
        const int shown = 12;
        var parts = columns.GroupValues.Select((values, g) => (values, g)).Where(x => counts[x.g] > 0).Take(shown)
            .Select(x => $"'{InputText.Show(RowGroup.NameOf(x.values))}' ({counts[x.g]} rows)");
        int total = counts.Count(c => c > 0);
        var more = total > shown ? $", and {total - shown} more" : "";
        return $"{total} group{(total == 1 ? "" : "s")} by {string.Join(", ", columns.GroupColumns.Select(c => $"'{InputText.Show(c)}'"))}: {string.Join(", ", parts)}{more}";
    }

    // The text columns a pooled file could be split by: the tags and the group column.
    private static List<(string, TextColumn)> Candidates(ColumnPlan plan, RunColumns columns)
    {
        var candidates = new List<(string, TextColumn)>();
        if (columns.Group is { } group) candidates.Add((plan.For(ColumnRole.Group)!.Value.Name, group));
        for (int t = 0; t < columns.Tags.Length; t++) candidates.Add((columns.TagNames[t], columns.Tags[t]));
        return candidates;
    }

    // "read 245 rows: N = 'Model Size', C = 'Training FLOP', D = C/(6N), metric = 'loss'".
    private static string Describe(ColumnPlan plan, ComputeUnit unit, int rows)
    {
        var parts = new List<string>();
        foreach (var (role, symbol) in new[] { (ColumnRole.Parameters, "N"), (ColumnRole.Tokens, "D"), (ColumnRole.Compute, "C"), (ColumnRole.UniqueTokens, "U") })
        {
            if (plan.For(role) is { } cell)
            {
                var converted = role == ColumnRole.Compute && unit != ComputeUnit.Flop ? $" in {unit.Name}, converted to FLOP" : "";
                parts.Add($"{symbol} = '{InputText.Show(cell.Name)}'{converted}");
            }
            else if (plan.Derived is { } derived && ColumnAliases.RoleOf(derived) == role)
            {
                parts.Add(symbol + (role switch { ColumnRole.Parameters => " = C/(6D)", ColumnRole.Tokens => " = C/(6N)", _ => " = 6ND" }));
            }
        }
        foreach (var (variable, cell) in plan.Named) parts.Add($"{variable.Symbol} = '{InputText.Show(cell.Name)}'");
        if (plan.For(ColumnRole.Metric) is { } metric) parts.Add($"metric = '{InputText.Show(metric.Name)}'");
        return $"read {rows} rows: {string.Join(", ", parts)}";
    }
}
