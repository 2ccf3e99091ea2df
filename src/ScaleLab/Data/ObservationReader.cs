using System.Globalization;
using System.Text.Json;
using ScaleLab.Diagnostics;
using ScaleLab.Quantities;

namespace ScaleLab.Data;

/// <summary>
/// Reads training runs from CSV (RFC 4180), TSV, JSON (an array of objects, or an object holding a
/// "runs" or "rows" array) or JSON Lines into an <see cref="ObservationSet"/>. Columns are found by
/// <see cref="ColumnAliases"/> unless a <see cref="ColumnMapping"/> names them; numbers are read in
/// invariant notation whatever the current culture. A missing one of N, D, C is derived by C = 6ND.
/// Every problem with the input throws <see cref="InputDataException"/> naming the file, the 1-based
/// data row and the column.
/// </summary>
public static class ObservationReader
{
    // Hot at start-up: the reader avoids LINQ and collections over value types (enums, tuples), whose generic
    // code ReadyToRun cannot precompile, so every such instantiation would be compiled just in time.
    private static readonly ColumnRole[] Roles = ColumnAliases.AllRoles;
    private static readonly ColumnRole[] ScaleRoles = [ColumnRole.Parameters, ColumnRole.Tokens, ColumnRole.Compute];

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Reads a file; the format follows the extension (.csv, .tsv, .json, .jsonl/.ndjson), else the content.</summary>
    public static ObservationSet Read(string path, ColumnMapping? mapping = null) => Build(Table(path), mapping, requireMetric: true);

    /// <summary>
    /// Reads points at which to predict: like <see cref="Read"/>, but the metric column is optional
    /// (when absent, <see cref="Observation.Metric"/> is NaN and the set's metric name is empty).
    /// </summary>
    public static ObservationSet ReadPoints(string path, ColumnMapping? mapping = null) => Build(Table(path), mapping, requireMetric: false);

    /// <summary>Reads comma-separated values with a header row.</summary>
    public static ObservationSet ReadCsv(TextReader reader, string sourceName, ColumnMapping? mapping = null) =>
        Build(Delimited(reader, sourceName, ','), mapping, requireMetric: true);

    /// <summary>Reads a JSON array of objects, or an object with a "runs" or "rows" array of objects.</summary>
    public static ObservationSet ReadJson(TextReader reader, string sourceName, ColumnMapping? mapping = null) =>
        Build(JsonTable(reader, sourceName), mapping, requireMetric: true);

    /// <summary>Reads JSON Lines: one object per non-blank line.</summary>
    public static ObservationSet ReadJsonLines(TextReader reader, string sourceName, ColumnMapping? mapping = null) =>
        Build(JsonLinesTable(reader, sourceName), mapping, requireMetric: true);

    private static RawTable Table(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot be read ({ex.Message})";
            throw new InputDataException(path, null, null, reason);
        }
        using var reader = new StringReader(text);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".json": return JsonTable(reader, path);
            case ".jsonl" or ".ndjson": return JsonLinesTable(reader, path);
            case ".tsv" or ".tab": return Delimited(reader, path, '\t');
            case ".csv": return Delimited(reader, path, ',');
        }
        var start = text.TrimStart();
        if (start.StartsWith('[')) return JsonTable(reader, path);
        if (start.StartsWith('{'))
        {
            // One object spanning the file, or one object per line.
            var firstLine = start.Split('\n', 2)[0].Trim();
            return firstLine.EndsWith('}') ? JsonLinesTable(reader, path) : JsonTable(reader, path);
        }
        return Delimited(reader, path, ',');
    }

    private static RawTable JsonTable(TextReader reader, string sourceName)
    {
        var text = reader.ReadToEnd();
        if (string.IsNullOrWhiteSpace(text)) throw new InputDataException(sourceName, null, null, "the file is empty");
        using var document = ParseJson(text, sourceName, null);
        var root = document.RootElement;
        JsonElement array = root;
        if (root.ValueKind == JsonValueKind.Object)
        {
            array = default;
            foreach (var property in root.EnumerateObject())
            {
                if ((property.Name.Equals("runs", StringComparison.OrdinalIgnoreCase) || property.Name.Equals("rows", StringComparison.OrdinalIgnoreCase))
                    && property.Value.ValueKind == JsonValueKind.Array)
                {
                    array = property.Value;
                    break;
                }
            }
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new InputDataException(sourceName, null, null, "expected a JSON array of objects, or an object with a \"runs\" or \"rows\" array");
        }
        var objects = new List<(int Row, JsonElement Element)>();
        int row = 0;
        foreach (var element in array.EnumerateArray()) objects.Add((++row, element));
        return FromJsonObjects(sourceName, objects);
    }

    private static RawTable JsonLinesTable(TextReader reader, string sourceName)
    {
        var documents = new List<JsonDocument>();
        try
        {
            var objects = new List<(int Row, JsonElement Element)>();
            int row = 0;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                row++;
                var document = ParseJson(line, sourceName, row);
                documents.Add(document);
                objects.Add((row, document.RootElement));
            }
            if (row == 0) throw new InputDataException(sourceName, null, null, "the file is empty");
            return FromJsonObjects(sourceName, objects);
        }
        finally
        {
            foreach (var d in documents) d.Dispose();
        }
    }

    private static JsonDocument ParseJson(string text, string source, int? row)
    {
        try
        {
            return JsonDocument.Parse(text, JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = row is null && ex.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new InputDataException(source, row, null, $"not valid JSON{where}: {FirstSentence(ex.Message)}");
        }
    }

    private static string FirstSentence(string message)
    {
        int k = message.IndexOf(". ", StringComparison.Ordinal);
        return k > 0 ? message[..k] : message.TrimEnd('.');
    }

    private static RawTable FromJsonObjects(string source, List<(int Row, JsonElement Element)> objects)
    {
        var columns = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, element) in objects)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new InputDataException(source, row, null, $"expected an object with one property per column, found {element.ValueKind.ToString().ToLowerInvariant()}");
            }
            foreach (var property in element.EnumerateObject())
            {
                if (index.TryAdd(property.Name, columns.Count)) columns.Add(property.Name);
            }
        }
        var rows = new List<RawRow>(objects.Count);
        foreach (var (row, element) in objects)
        {
            var cells = new string?[columns.Count];
            foreach (var property in element.EnumerateObject())
            {
                cells[index[property.Name]] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => property.Value.GetRawText(),
                };
            }
            rows.Add(new RawRow(row, cells));
        }
        return new RawTable(source, columns, rows);
    }

    private static RawTable Delimited(TextReader reader, string source, char separator)
    {
        var records = CsvParser.Parse(reader, source, separator);
        if (records.Count == 0) throw new InputDataException(source, null, null, "the file is empty");
        // A byte-order mark survives when the caller's reader did not detect the encoding.
        if (records[0].Length > 0) records[0][0] = records[0][0].TrimStart('\uFEFF');
        var header = new string[records[0].Length];
        for (int i = 0; i < header.Length; i++)
        {
            var name = records[0][i].Trim();
            header[i] = name.Length == 0 ? $"column{i + 1}" : name;
        }
        var rows = new List<RawRow>(records.Count - 1);
        for (int r = 1; r < records.Count; r++)
        {
            var cells = records[r];
            if (cells.Length != header.Length)
            {
                throw new InputDataException(source, r, null, $"has {cells.Length} fields but the header has {header.Length}");
            }
            rows.Add(new RawRow(r, cells));
        }
        return new RawTable(source, header, rows);
    }

    private static ObservationSet Build(RawTable table, ColumnMapping? mapping, bool requireMetric)
    {
        var source = table.Source;
        var columns = table.Columns;
        if (table.Rows.Count == 0) throw new InputDataException(source, null, null, columns.Count == 0 ? "no data rows" : "no data rows, only a header");
        if (columns.Count == 0) throw new InputDataException(source, null, null, "the rows have no columns");
        CheckUniqueNames(source, columns);

        var assigned = Assign(source, columns, mapping);
        int Col(ColumnRole role) => assigned[(int)role];
        var diagnostics = new List<Diagnostic>();

        if (requireMetric && Col(ColumnRole.Metric) < 0)
        {
            throw new InputDataException(source, null, null,
                $"no metric column (looked for {Join(ColumnAliases.Names(ColumnRole.Metric))}){Hint(columns, assigned, ColumnRole.Metric)}; " +
                $"name it with --metric COLUMN (columns: {Join(columns)})");
        }
        int presentCount = 0;
        foreach (var role in ScaleRoles) if (Col(role) >= 0) presentCount++;
        var present = new ColumnRole[presentCount];
        presentCount = 0;
        foreach (var role in ScaleRoles) if (Col(role) >= 0) present[presentCount++] = role;
        if (present.Length == 0)
        {
            var looked = string.Join("; ", ScaleRoles.Select(r => $"{ColumnAliases.Describe(r)}: {Join(ColumnAliases.Names(r))}"));
            var hints = string.Concat(ScaleRoles.Select(r => Hint(columns, assigned, r)));
            throw new InputDataException(source, null, null,
                $"no scale column (looked for {looked}){hints}; name one with --params, --tokens or --compute (columns: {Join(columns)})");
        }
        var require = mapping?.Require ?? [];
        for (int i = 0; i < require.Count; i++)
        {
            var variable = require[i];
            var role = ColumnAliases.RoleOf(variable);
            bool available = Col(role) >= 0 || (role != ColumnRole.UniqueTokens && present.Length == 2);
            if (available) continue;
            var derivable = role == ColumnRole.UniqueTokens ? "" :
                $"; it could be derived by C = 6ND from the other two, but only {string.Join(" and ", present.Select(ColumnAliases.Describe))} {(present.Length == 1 ? "is" : "are")} present";
            throw new InputDataException(source, null, null,
                $"no {ColumnAliases.Describe(role)} column (looked for {Join(ColumnAliases.Names(role))}){Hint(columns, assigned, role)}{derivable}; " +
                $"name it with {ColumnAliases.Usage(role)} (columns: {Join(columns)})");
        }
        foreach (var role in Roles)
        {
            if (Col(role) >= 0) continue;
            var near = NearMiss(columns, assigned, role);
            if (near is not null)
            {
                diagnostics.Add(Diagnostic.Info("possible-misspelling",
                    $"column '{near.Value.Column}' was not recognised as {ColumnAliases.Describe(role)} but looks like '{near.Value.Alias}'; if it is, pass {ColumnAliases.Usage(role, $"'{near.Value.Column}'")}"));
            }
        }

        ScaleVariable? derived = null;
        if (present.Length == 2)
        {
            var missing = ColumnRole.Parameters;
            foreach (var role in ScaleRoles) if (Col(role) < 0) missing = role;
            derived = ToVariable(missing);
            var code = missing switch { ColumnRole.Parameters => "derived-parameters", ColumnRole.Tokens => "derived-tokens", _ => "derived-compute" };
            var how = missing switch { ColumnRole.Parameters => "parameters derived as C/(6D)", ColumnRole.Tokens => "tokens derived as C/(6N)", _ => "compute derived as 6ND" };
            diagnostics.Add(Diagnostic.Info(code, $"{how} for all rows"));
        }
        else if (present.Length == 1)
        {
            diagnostics.Add(Diagnostic.Info("single-scale-variable",
                $"only {ColumnAliases.Describe(present[0])} is present; the other scale variables hold the placeholder 1 and laws that read them refuse this data"));
        }

        var isAssigned = new bool[columns.Count];
        foreach (var index in assigned) if (index >= 0) isAssigned[index] = true;
        var observations = new List<Observation>(table.Rows.Count);
        foreach (var raw in table.Rows) observations.Add(ReadRow(source, columns, raw, assigned, isAssigned, derived, present.Length));

        var metricName = Col(ColumnRole.Metric) < 0 ? "" : columns[Col(ColumnRole.Metric)];
        if (requireMetric && Duplicates(observations, metricName) is { } duplicates) diagnostics.Add(duplicates);

        bool unique = Col(ColumnRole.UniqueTokens) >= 0;
        ScaleVariable[] variables = present.Length == 1
            ? (unique ? [ToVariable(present[0]), ScaleVariable.UniqueTokens] : [ToVariable(present[0])])
            : (unique ? [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute, ScaleVariable.UniqueTokens]
                : [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute]);
        return new ObservationSet(source, metricName, observations.ToArray(), diagnostics.ToArray(), variables);
    }

    private static ScaleVariable ToVariable(ColumnRole role) => role switch
    {
        ColumnRole.Parameters => ScaleVariable.Parameters,
        ColumnRole.Tokens => ScaleVariable.Tokens,
        _ => ScaleVariable.Compute,
    };

    private static void CheckUniqueNames(string source, IReadOnlyList<string> columns)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < columns.Count; i++)
        {
            if (!seen.TryAdd(columns[i], i))
            {
                throw new InputDataException(source, null, columns[i], $"the name appears twice in the header (columns {seen[columns[i]] + 1} and {i + 1})");
            }
        }
    }

    /// <summary>Column index per role (−1 when absent): explicit names first, then recognised aliases.</summary>
    private static int[] Assign(string source, IReadOnlyList<string> columns, ColumnMapping? mapping)
    {
        var assigned = new int[Roles.Length];
        for (int r = 0; r < assigned.Length; r++) assigned[r] = -1;
        // The role each column is taken by, or -1.
        var taken = new int[columns.Count];
        for (int i = 0; i < taken.Length; i++) taken[i] = -1;
        if (mapping is not null)
        {
            foreach (var role in Roles)
            {
                var name = mapping.For(role);
                if (string.IsNullOrWhiteSpace(name)) continue;
                int index = FindColumn(columns, name);
                if (index < 0)
                {
                    var close = ColumnAliases.Closest(name, columns);
                    var hint = close is null ? "" : $"; did you mean '{close}'?";
                    throw new InputDataException(source, null, name.Trim(),
                        $"no such column (named for {ColumnAliases.Describe(role)}){hint} (columns: {Join(columns)})");
                }
                if (taken[index] >= 0)
                {
                    throw new InputDataException(source, null, columns[index],
                        $"named for both {ColumnAliases.Describe((ColumnRole)taken[index])} and {ColumnAliases.Describe(role)}");
                }
                assigned[(int)role] = index;
                taken[index] = (int)role;
            }
        }
        foreach (var role in Roles)
        {
            if (assigned[(int)role] >= 0) continue;
            var matches = new List<string>();
            int match = -1;
            for (int i = 0; i < columns.Count; i++)
            {
                if (taken[i] >= 0 || !ColumnAliases.Matches(role, columns[i])) continue;
                matches.Add($"'{columns[i]}'");
                match = i;
            }
            if (matches.Count > 1)
            {
                throw new InputDataException(source, null, null,
                    $"columns {string.Join(" and ", matches)} both look like the {ColumnAliases.Describe(role)}; " +
                    $"choose one with {ColumnAliases.Usage(role)}");
            }
            if (matches.Count == 1)
            {
                assigned[(int)role] = match;
                taken[match] = (int)role;
            }
        }
        return assigned;
    }

    private static int FindColumn(IReadOnlyList<string> columns, string name)
    {
        var trimmed = name.Trim();
        for (int i = 0; i < columns.Count; i++) if (string.Equals(columns[i], trimmed, StringComparison.OrdinalIgnoreCase)) return i;
        var key = ColumnAliases.Normalize(trimmed);
        int found = -1;
        for (int i = 0; i < columns.Count; i++)
        {
            if (ColumnAliases.Normalize(columns[i]) != key) continue;
            if (found >= 0) return -1;
            found = i;
        }
        return found;
    }

    private static (string Column, string Alias)? NearMiss(IReadOnlyList<string> columns, int[] assigned, ColumnRole role)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (IsAssigned(assigned, i)) continue;
            var alias = ColumnAliases.Closest(columns[i], ColumnAliases.Names(role));
            if (alias is not null) return (columns[i], alias);
        }
        return null;
    }

    private static bool IsAssigned(int[] assigned, int column)
    {
        foreach (var index in assigned) if (index == column) return true;
        return false;
    }

    private static string Hint(IReadOnlyList<string> columns, int[] assigned, ColumnRole role) =>
        NearMiss(columns, assigned, role) is { } near ? $"; column '{near.Column}' is close: did you mean '{near.Alias}'?" : "";

    private static string Join(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static Observation ReadRow(string source, IReadOnlyList<string> columns, RawRow raw, int[] assigned, bool[] isAssigned, ScaleVariable? derived, int presentCount)
    {
        int row = raw.Row;
        string? Cell(ColumnRole role) => assigned[(int)role] < 0 ? null : raw.Cells[assigned[(int)role]];
        string Name(ColumnRole role) => columns[assigned[(int)role]];
        double? Size(ColumnRole role, bool required)
        {
            if (assigned[(int)role] < 0) return null;
            var value = Number(source, row, Name(role), Cell(role), required);
            if (value is { } v && v <= 0)
            {
                throw new InputDataException(source, row, Name(role), $"{Cell(role)!.Trim()} is not a positive number ({ColumnAliases.Describe(role)} must be > 0)");
            }
            return value;
        }

        double? n = Size(ColumnRole.Parameters, true), d = Size(ColumnRole.Tokens, true), c = Size(ColumnRole.Compute, true);
        double metric = assigned[(int)ColumnRole.Metric] < 0 ? double.NaN : Number(source, row, Name(ColumnRole.Metric), Cell(ColumnRole.Metric), true)!.Value;
        if (presentCount == 2)
        {
            double value = derived switch
            {
                ScaleVariable.Parameters => c.GetValueOrDefault() / (ComputeConvention.FlopsPerParameterToken * d.GetValueOrDefault()),
                ScaleVariable.Tokens => c.GetValueOrDefault() / (ComputeConvention.FlopsPerParameterToken * n.GetValueOrDefault()),
                _ => ComputeConvention.FlopsPerParameterToken * n.GetValueOrDefault() * d.GetValueOrDefault(),
            };
            if (!Quantity.IsPositive(value))
            {
                var formula = derived switch { ScaleVariable.Parameters => "C/(6D)", ScaleVariable.Tokens => "C/(6N)", _ => "6ND" };
                throw new InputDataException(source, row, null, $"{formula} = {Quantity.Format(value)} is not a positive finite number");
            }
            if (derived == ScaleVariable.Parameters) n = value;
            else if (derived == ScaleVariable.Tokens) d = value;
            else c = value;
        }
        var unique = Size(ColumnRole.UniqueTokens, false);
        double tokens = d ?? 1;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++)
        {
            if (!isAssigned[i] && raw.Cells[i] is { } text) tags[columns[i]] = text;
        }
        return new Observation
        {
            Row = row,
            Parameters = ParameterCount.Of(n ?? 1),
            NonEmbeddingParameters = Size(ColumnRole.NonEmbeddingParameters, false) is { } ne ? ParameterCount.Of(ne) : null,
            ActiveParameters = Size(ColumnRole.ActiveParameters, false) is { } ap ? ParameterCount.Of(ap) : null,
            Tokens = TokenCount.Of(tokens),
            UniqueTokens = unique is { } u ? TokenCount.Of(u) : null,
            Epochs = unique is { } uu && d is not null ? tokens / uu : null,
            Compute = Flops.Of(c ?? 1),
            Metric = metric,
            Derived = derived,
            RunId = Text(Cell(ColumnRole.RunId)),
            Group = Text(Cell(ColumnRole.Group)),
            Step = Step(source, row, assigned[(int)ColumnRole.Step] < 0 ? null : Name(ColumnRole.Step), Cell(ColumnRole.Step)),
            Seed = Seed(source, row, assigned[(int)ColumnRole.Seed] < 0 ? null : Name(ColumnRole.Seed), Cell(ColumnRole.Seed)),
            Tags = tags,
        };
    }

    private static string? Text(string? cell) => string.IsNullOrWhiteSpace(cell) ? null : cell.Trim();

    /// <summary>A finite number in invariant notation; null for an empty optional cell.</summary>
    private static double? Number(string source, int row, string column, string? cell, bool required)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            if (!required) return null;
            throw new InputDataException(source, row, column, "the cell is empty; a number is required");
        }
        var text = cell.Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new InputDataException(source, row, column, $"'{text}' is not a number (write numbers like 1.5e9 or 0.25, with a point and no thousands separators)");
        }
        if (double.IsNaN(value)) throw new InputDataException(source, row, column, $"'{text}' is not allowed: values must be finite numbers");
        if (double.IsInfinity(value)) throw new InputDataException(source, row, column, $"'{text}' is infinite; values must be finite numbers");
        return value;
    }

    private static double? Step(string source, int row, string? column, string? cell)
    {
        if (column is null) return null;
        var value = Number(source, row, column, cell, false);
        if (value is < 0) throw new InputDataException(source, row, column, $"{cell!.Trim()} is negative; a step must be >= 0");
        return value;
    }

    private static long? Seed(string source, int row, string? column, string? cell)
    {
        if (column is null || string.IsNullOrWhiteSpace(cell)) return null;
        var text = cell.Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)) return seed;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) && x == Math.Floor(x) && Math.Abs(x) < 9e15) return (long)x;
        throw new InputDataException(source, row, column, $"'{text}' is not an integer seed");
    }

    /// <summary>
    /// Rows repeating the same (N, D, C, metric), or the same run id at the same step: kept, since
    /// repeated seeds are legitimate, but reported, since a run exported twice weighs double in a fit.
    /// </summary>
    private static Diagnostic? Duplicates(List<Observation> observations, string metricName)
    {
        var groups = new List<string>();
        foreach (var rows in Groups(observations, o => new SameValues(o)))
        {
            groups.Add($"rows {Rows(rows)} (same N, D, C and {metricName})");
        }
        foreach (var rows in Groups(observations, o => o.RunId is null ? null : new SameRun(o.RunId, o.Step)))
        {
            var step = rows[0].Step is { } s ? $" at step {Quantity.Format(s)}" : "";
            groups.Add($"rows {Rows(rows)} (same run id '{rows[0].RunId}'{step})");
        }
        if (groups.Count == 0) return null;
        const int shown = 8;
        var list = string.Join("; ", groups.Take(shown)) + (groups.Count > shown ? $"; and {groups.Count - shown} more" : "");
        return Diagnostic.Warning("duplicate-rows", $"{groups.Count} group(s) of duplicated rows, kept: {list}");
    }

    /// <summary>The groups of more than one observation with equal keys (null: no key), in order of first appearance.</summary>
    private static List<List<Observation>> Groups<TKey>(List<Observation> observations, Func<Observation, TKey?> keyOf) where TKey : class
    {
        var byKey = new Dictionary<TKey, List<Observation>>();
        var order = new List<List<Observation>>();
        foreach (var o in observations)
        {
            if (keyOf(o) is not { } key) continue;
            if (!byKey.TryGetValue(key, out var group))
            {
                byKey.Add(key, group = []);
                order.Add(group);
            }
            group.Add(o);
        }
        order.RemoveAll(g => g.Count < 2);
        return order;
    }

    private static string Rows(List<Observation> group)
    {
        var rows = new string[group.Count];
        for (int i = 0; i < rows.Length; i++) rows[i] = group[i].Row.ToString(CultureInfo.InvariantCulture);
        return string.Join(", ", rows);
    }

    // Grouping keys as classes with double.Equals semantics (a tuple key would make the start-up compile the
    // generic grouping code for it): equal N, D, C and metric; equal run id and step.
    private sealed class SameValues(Observation o) : IEquatable<SameValues>
    {
        private readonly double _n = o.Parameters.Value, _d = o.Tokens.Value, _c = o.Compute.Value, _metric = o.Metric;

        public bool Equals(SameValues? other) =>
            other is not null && _n.Equals(other._n) && _d.Equals(other._d) && _c.Equals(other._c) && _metric.Equals(other._metric);

        public override bool Equals(object? obj) => Equals(obj as SameValues);

        public override int GetHashCode() => ((_n.GetHashCode() * 31 + _d.GetHashCode()) * 31 + _c.GetHashCode()) * 31 + _metric.GetHashCode();
    }

    private sealed class SameRun(string runId, double? step) : IEquatable<SameRun>
    {
        private readonly string _runId = runId;
        private readonly double? _step = step;

        public bool Equals(SameRun? other) =>
            other is not null && string.Equals(_runId, other._runId, StringComparison.Ordinal) && _step.HasValue == other._step.HasValue
            && _step.GetValueOrDefault().Equals(other._step.GetValueOrDefault());

        public override bool Equals(object? obj) => Equals(obj as SameRun);

        public override int GetHashCode() => _runId.GetHashCode(StringComparison.Ordinal) * 31 + _step.GetValueOrDefault().GetHashCode();
    }
}
