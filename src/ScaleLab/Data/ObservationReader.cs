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
    private static readonly ColumnRole[] Roles = Enum.GetValues<ColumnRole>();
    private static readonly ColumnRole[] ScaleRoles = [ColumnRole.Parameters, ColumnRole.Tokens, ColumnRole.Compute];

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Reads a file; the format follows the extension (.csv, .tsv, .json, .jsonl/.ndjson), else the content.</summary>
    public static ObservationSet Read(string path, ColumnMapping? mapping = null)
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
            case ".json": return ReadJson(reader, path, mapping);
            case ".jsonl" or ".ndjson": return ReadJsonLines(reader, path, mapping);
            case ".tsv" or ".tab": return Build(Delimited(reader, path, '\t'), mapping);
            case ".csv": return ReadCsv(reader, path, mapping);
        }
        var start = text.TrimStart();
        if (start.StartsWith('['))
        {
            return ReadJson(reader, path, mapping);
        }
        if (start.StartsWith('{'))
        {
            // One object spanning the file, or one object per line.
            var firstLine = start.Split('\n', 2)[0].Trim();
            return firstLine.EndsWith('}') ? ReadJsonLines(reader, path, mapping) : ReadJson(reader, path, mapping);
        }
        return ReadCsv(reader, path, mapping);
    }

    /// <summary>Reads comma-separated values with a header row.</summary>
    public static ObservationSet ReadCsv(TextReader reader, string sourceName, ColumnMapping? mapping = null) =>
        Build(Delimited(reader, sourceName, ','), mapping);

    /// <summary>Reads a JSON array of objects, or an object with a "runs" or "rows" array of objects.</summary>
    public static ObservationSet ReadJson(TextReader reader, string sourceName, ColumnMapping? mapping = null)
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
                if ((property.NameEquals("runs") || property.NameEquals("rows") ||
                     property.Name.Equals("runs", StringComparison.OrdinalIgnoreCase) || property.Name.Equals("rows", StringComparison.OrdinalIgnoreCase))
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
        return Build(FromJsonObjects(sourceName, objects), mapping);
    }

    /// <summary>Reads JSON Lines: one object per non-blank line.</summary>
    public static ObservationSet ReadJsonLines(TextReader reader, string sourceName, ColumnMapping? mapping = null)
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
            return Build(FromJsonObjects(sourceName, objects), mapping);
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
        var header = records[0].Select((name, i) => name.Trim().Length == 0 ? $"column{i + 1}" : name.Trim()).ToArray();
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

    private static ObservationSet Build(RawTable table, ColumnMapping? mapping)
    {
        var source = table.Source;
        var columns = table.Columns;
        if (table.Rows.Count == 0) throw new InputDataException(source, null, null, columns.Count == 0 ? "no data rows" : "no data rows, only a header");
        if (columns.Count == 0) throw new InputDataException(source, null, null, "the rows have no columns");
        CheckUniqueNames(source, columns);

        var assigned = Assign(source, columns, mapping);
        int Col(ColumnRole role) => assigned[(int)role];
        var diagnostics = new List<Diagnostic>();

        if (Col(ColumnRole.Metric) < 0)
        {
            throw new InputDataException(source, null, null,
                $"no metric column (looked for {Join(ColumnAliases.Names(ColumnRole.Metric))}){Hint(columns, assigned, ColumnRole.Metric)}; " +
                $"name it with --metric COLUMN (columns: {Join(columns)})");
        }
        var present = ScaleRoles.Where(r => Col(r) >= 0).ToArray();
        if (present.Length == 0)
        {
            var looked = string.Join("; ", ScaleRoles.Select(r => $"{ColumnAliases.Describe(r)}: {Join(ColumnAliases.Names(r))}"));
            var hints = string.Concat(ScaleRoles.Select(r => Hint(columns, assigned, r)));
            throw new InputDataException(source, null, null,
                $"no scale column (looked for {looked}){hints}; name one with --params, --tokens or --compute (columns: {Join(columns)})");
        }
        foreach (var variable in mapping?.Require ?? [])
        {
            var role = ColumnAliases.RoleOf(variable);
            bool available = Col(role) >= 0 || (role != ColumnRole.UniqueTokens && present.Length == 2);
            if (available) continue;
            var derivable = role == ColumnRole.UniqueTokens ? "" :
                $"; it could be derived by C = 6ND from the other two, but only {string.Join(" and ", present.Select(ColumnAliases.Describe))} {(present.Length == 1 ? "is" : "are")} present";
            throw new InputDataException(source, null, null,
                $"no {ColumnAliases.Describe(role)} column (looked for {Join(ColumnAliases.Names(role))}){Hint(columns, assigned, role)}{derivable}; " +
                $"name it with {ColumnAliases.OptionName(role)} COLUMN (columns: {Join(columns)})");
        }
        foreach (var role in Roles)
        {
            if (Col(role) >= 0) continue;
            var near = NearMiss(columns, assigned, role);
            if (near is not null)
            {
                diagnostics.Add(Diagnostic.Info("possible-misspelling",
                    $"column '{near.Value.Column}' was not recognised as {ColumnAliases.Describe(role)} but looks like '{near.Value.Alias}'; pass {ColumnAliases.OptionName(role)} '{near.Value.Column}' if it is"));
            }
        }

        ScaleVariable? derived = null;
        if (present.Length == 2)
        {
            var missing = ScaleRoles.Single(r => Col(r) < 0);
            derived = missing switch { ColumnRole.Parameters => ScaleVariable.Parameters, ColumnRole.Tokens => ScaleVariable.Tokens, _ => ScaleVariable.Compute };
            var how = missing switch { ColumnRole.Parameters => "parameters derived as C/(6D)", ColumnRole.Tokens => "tokens derived as C/(6N)", _ => "compute derived as 6ND" };
            diagnostics.Add(Diagnostic.Info($"derived-{derived.Value.ToString().ToLowerInvariant()}", $"{how} for all rows"));
        }
        else if (present.Length == 1)
        {
            diagnostics.Add(Diagnostic.Info("single-scale-variable",
                $"only {ColumnAliases.Describe(present[0])} is present; the other scale variables hold the placeholder 1 and laws that read them refuse this data"));
        }

        var observations = new List<Observation>(table.Rows.Count);
        foreach (var raw in table.Rows) observations.Add(ReadRow(source, columns, raw, assigned, derived, present.Length));

        var duplicates = Duplicates(observations, columns[Col(ColumnRole.Metric)]);
        if (duplicates is not null) diagnostics.Add(duplicates);

        var variables = present.Length == 1
            ? [ToVariable(present[0])]
            : new List<ScaleVariable> { ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute };
        if (Col(ColumnRole.UniqueTokens) >= 0) variables.Add(ScaleVariable.UniqueTokens);
        return new ObservationSet(source, columns[Col(ColumnRole.Metric)], observations, diagnostics, variables);
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
        Array.Fill(assigned, -1);
        var taken = new Dictionary<int, ColumnRole>();
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
                        $"no such column for {ColumnAliases.OptionName(role)}{hint} (columns: {Join(columns)})");
                }
                if (taken.TryGetValue(index, out var other))
                {
                    throw new InputDataException(source, null, columns[index],
                        $"named for both {ColumnAliases.Describe(other)} and {ColumnAliases.Describe(role)}");
                }
                assigned[(int)role] = index;
                taken[index] = role;
            }
        }
        foreach (var role in Roles)
        {
            if (assigned[(int)role] >= 0) continue;
            var matches = Enumerable.Range(0, columns.Count).Where(i => !taken.ContainsKey(i) && ColumnAliases.Matches(role, columns[i])).ToArray();
            if (matches.Length > 1)
            {
                throw new InputDataException(source, null, null,
                    $"columns {string.Join(" and ", matches.Select(i => $"'{columns[i]}'"))} both look like the {ColumnAliases.Describe(role)}; " +
                    $"choose one with {ColumnAliases.OptionName(role)} COLUMN");
            }
            if (matches.Length == 1)
            {
                assigned[(int)role] = matches[0];
                taken[matches[0]] = role;
            }
        }
        return assigned;
    }

    private static int FindColumn(IReadOnlyList<string> columns, string name)
    {
        var trimmed = name.Trim();
        for (int i = 0; i < columns.Count; i++) if (string.Equals(columns[i], trimmed, StringComparison.OrdinalIgnoreCase)) return i;
        var key = ColumnAliases.Normalize(trimmed);
        var normalised = Enumerable.Range(0, columns.Count).Where(i => ColumnAliases.Normalize(columns[i]) == key).ToArray();
        return normalised.Length == 1 ? normalised[0] : -1;
    }

    private static (string Column, string Alias)? NearMiss(IReadOnlyList<string> columns, int[] assigned, ColumnRole role)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (assigned.Contains(i)) continue;
            var alias = ColumnAliases.Closest(columns[i], ColumnAliases.Names(role));
            if (alias is not null) return (columns[i], alias);
        }
        return null;
    }

    private static string Hint(IReadOnlyList<string> columns, int[] assigned, ColumnRole role) =>
        NearMiss(columns, assigned, role) is { } near ? $"; column '{near.Column}' is close: did you mean '{near.Alias}'?" : "";

    private static string Join(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static Observation ReadRow(string source, IReadOnlyList<string> columns, RawRow raw, int[] assigned, ScaleVariable? derived, int presentCount)
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
        double metric = Number(source, row, Name(ColumnRole.Metric), Cell(ColumnRole.Metric), true)!.Value;
        if (presentCount == 2)
        {
            var (value, formula) = derived switch
            {
                ScaleVariable.Parameters => (c!.Value / (ComputeConvention.FlopsPerParameterToken * d!.Value), "C/(6D)"),
                ScaleVariable.Tokens => (c!.Value / (ComputeConvention.FlopsPerParameterToken * n!.Value), "C/(6N)"),
                _ => (ComputeConvention.FlopsPerParameterToken * n!.Value * d!.Value, "6ND"),
            };
            if (!Quantity.IsPositive(value))
            {
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
            if (!assigned.Contains(i) && raw.Cells[i] is { } text) tags[columns[i]] = text;
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
        foreach (var g in observations.GroupBy(o => (o.Parameters.Value, o.Tokens.Value, o.Compute.Value, o.Metric)).Where(g => g.Count() > 1))
        {
            groups.Add($"rows {string.Join(", ", g.Select(o => o.Row))} (same N, D, C and {metricName})");
        }
        foreach (var g in observations.Where(o => o.RunId is not null).GroupBy(o => (o.RunId, o.Step)).Where(g => g.Count() > 1))
        {
            groups.Add($"rows {string.Join(", ", g.Select(o => o.Row))} (same run id '{g.Key.RunId}'{(g.Key.Step is { } s ? $" at step {Quantity.Format(s)}" : "")})");
        }
        if (groups.Count == 0) return null;
        const int shown = 8;
        var list = string.Join("; ", groups.Take(shown)) + (groups.Count > shown ? $"; and {groups.Count - shown} more" : "");
        return Diagnostic.Warning("duplicate-rows", $"{groups.Count} group(s) of duplicated rows, kept: {list}");
    }
}
