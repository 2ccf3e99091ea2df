using ScaleLab.Data.Formats;
using ScaleLab.Data.Paths;
using ScaleLab.Diagnostics;

namespace ScaleLab.Data.Reading;

/// <summary>
/// Column assignment: which column (or JSON path) holds each role and each named variable, from the names
/// the user gave first and the recognised aliases (<see cref="ColumnAliases"/>) second; what is missing,
/// ambiguous or misspelt is an error or a note naming the columns there are.
/// </summary>
internal static class ColumnAssigner
{
    private static readonly ColumnRole[] Roles = ColumnAliases.AllRoles;
    private static readonly ColumnRole[] ScaleRoles = [ColumnRole.Parameters, ColumnRole.Tokens, ColumnRole.Compute];

    public static ColumnPlan Assign(TableCursor cursor, ColumnMapping? mapping, bool requireMetric)
    {
        var source = cursor.Source;
        var columns = cursor.Columns;
        CheckUniqueNames(source, columns);
        var normalized = new string[columns.Count];
        for (int i = 0; i < normalized.Length; i++) normalized[i] = ColumnAliases.Normalize(columns[i]);
        var roles = new CellSource?[Roles.Length];
        var taken = new int[columns.Count];
        Array.Fill(taken, -1);
        var named = new List<(ScaleVariable, CellSource)>();
        if (mapping is not null) AssignNamed(cursor, mapping, roles, taken, named);
        AssignAliases(source, columns, normalized, roles, taken);
        bool Has(ColumnRole role) => roles[(int)role] is not null;

        if (requireMetric && !Has(ColumnRole.Metric))
        {
            throw new InputDataException(source, null, null,
                $"no metric column (looked for {Join(ColumnAliases.Names(ColumnRole.Metric))}){Hint(columns, taken, ColumnRole.Metric)}; " +
                $"name it with --metric COLUMN (columns: {Join(columns)})");
        }
        var present = new List<ScaleVariable>();
        foreach (var role in ScaleRoles) if (Has(role)) present.Add(VariableOf(role));
        if (present.Count == 0 && named.Count == 0)
        {
            var looked = string.Join("; ", ScaleRoles.Select(r => $"{ColumnAliases.Describe(r)}: {Join(ColumnAliases.Names(r))}"));
            var hints = string.Concat(ScaleRoles.Select(r => Hint(columns, taken, r)));
            throw new InputDataException(source, null, null,
                $"no scale column (looked for {looked}){hints}; name one with --params, --tokens or --compute (columns: {Join(columns)})");
        }
        var require = mapping?.Require ?? [];
        foreach (var variable in require)
        {
            if (!variable.IsWellKnown)
            {
                if (named.Exists(n => n.Item1 == variable)) continue;
                throw new InputDataException(source, null, null,
                    $"no column for variable {variable.Symbol}; bind it with --var {variable.Symbol}=COLUMN (columns: {Join(columns)})");
            }
            var role = ColumnAliases.RoleOf(variable);
            bool available = Has(role) || (role != ColumnRole.UniqueTokens && present.Count == 2);
            if (available) continue;
            var derivable = role == ColumnRole.UniqueTokens ? "" :
                $"; it could be derived by C = 6ND from the other two, but only {string.Join(" and ", present.Select(v => ColumnAliases.Describe(ColumnAliases.RoleOf(v))))} {(present.Count == 1 ? "is" : "are")} present";
            throw new InputDataException(source, null, null,
                $"no {ColumnAliases.Describe(role)} column (looked for {Join(ColumnAliases.Names(role))}){Hint(columns, taken, role)}{derivable}; " +
                $"name it with {ColumnAliases.Usage(role)} (columns: {Join(columns)})");
        }
        var diagnostics = new List<Diagnostic>();
        foreach (var role in Roles)
        {
            if (Has(role)) continue;
            if (NearMiss(columns, taken, role) is { } near)
            {
                diagnostics.Add(Diagnostic.Info("possible-misspelling",
                    $"column '{InputText.Show(near.Column)}' was not recognised as {ColumnAliases.Describe(role)} but looks like '{near.Alias}'; if it is, pass {ColumnAliases.Usage(role, $"'{InputText.Show(near.Column)}'")}"));
            }
        }
        ScaleVariable? derived = null;
        if (present.Count == 2)
        {
            foreach (var role in ScaleRoles) if (!Has(role)) derived = VariableOf(role);
        }
        var tags = new List<int>();
        for (int i = 0; i < columns.Count; i++) if (taken[i] < 0) tags.Add(i);
        return new ColumnPlan
        {
            Roles = roles,
            Named = [.. named],
            PresentScale = [.. present],
            Derived = derived,
            TagColumns = [.. tags],
            Diagnostics = diagnostics,
        };
    }

    internal static ScaleVariable VariableOf(ColumnRole role) => role switch
    {
        ColumnRole.Parameters => ScaleVariable.Parameters,
        ColumnRole.Tokens => ScaleVariable.Tokens,
        ColumnRole.Compute => ScaleVariable.Compute,
        _ => ScaleVariable.UniqueTokens,
    };

    // The names the user gave: role options (--params, --column run=…) and variable bindings (--var V=vocab).
    private static void AssignNamed(TableCursor cursor, ColumnMapping mapping, CellSource?[] roles, int[] taken, List<(ScaleVariable, CellSource)> named)
    {
        foreach (var role in Roles)
        {
            var name = mapping.For(role);
            if (string.IsNullOrWhiteSpace(name)) continue;
            var cell = Resolve(cursor, name, $"named for {ColumnAliases.Describe(role)}");
            if (cell.Path is null)
            {
                if (taken[cell.Column] >= 0)
                {
                    throw new InputDataException(cursor.Source, null, cursor.Columns[cell.Column],
                        $"named for both {Describe(taken[cell.Column], named)} and {ColumnAliases.Describe(role)}");
                }
                taken[cell.Column] = (int)role;
            }
            roles[(int)role] = cell;
        }
        var wanted = new List<(ScaleVariable Variable, string Column)>();
        foreach (var (variable, column) in mapping.Variables) wanted.Add((variable, column));
        // "A symbol equal to a column name needs no binding."
        foreach (var variable in mapping.Require ?? [])
        {
            if (!variable.IsWellKnown && !mapping.Variables.ContainsKey(variable)) wanted.Add((variable, variable.Symbol));
        }
        wanted.Sort((a, b) => a.Variable.CompareTo(b.Variable));
        foreach (var (variable, column) in wanted)
        {
            if (mapping.Variables.ContainsKey(variable) || FindColumn(cursor.Columns, column) >= 0)
            {
                var cell = Resolve(cursor, column, $"bound to variable {variable.Symbol}");
                if (cell.Path is null)
                {
                    if (taken[cell.Column] >= 0)
                    {
                        throw new InputDataException(cursor.Source, null, cursor.Columns[cell.Column],
                            $"named for both {Describe(taken[cell.Column], named)} and variable {variable.Symbol}");
                    }
                    taken[cell.Column] = Roles.Length + named.Count;
                }
                named.Add((variable, cell));
            }
        }
    }

    private static string Describe(int taken, List<(ScaleVariable Variable, CellSource)> named) =>
        taken < Roles.Length ? ColumnAliases.Describe((ColumnRole)taken) : $"variable {named[taken - Roles.Length].Variable.Symbol}";

    // A column named by the user, or a JSON path when the input has nested values and no column of that name.
    internal static CellSource Resolve(TableCursor cursor, string name, string purpose)
    {
        var columns = cursor.Columns;
        int index = FindColumn(columns, name);
        if (index >= 0) return new CellSource(index, null, columns[index]);
        var trimmed = name.Trim();
        if (cursor.SupportsPaths && JsonPath.LooksLikePath(trimmed)) return new CellSource(-1, JsonPath.Parse(trimmed), trimmed);
        var close = ColumnAliases.Closest(trimmed, columns);
        var hint = close is null ? "" : $"; did you mean '{InputText.Show(close)}'?";
        throw new InputDataException(cursor.Source, null, trimmed, $"no such column ({purpose}){hint} (columns: {Join(columns)})");
    }

    private static void AssignAliases(string source, IReadOnlyList<string> columns, string[] normalized, CellSource?[] roles, int[] taken)
    {
        foreach (var role in Roles)
        {
            if (roles[(int)role] is not null) continue;
            var matches = new List<string>();
            int match = -1;
            for (int i = 0; i < columns.Count; i++)
            {
                if (taken[i] >= 0 || !ColumnAliases.MatchesNormalized(role, normalized[i])) continue;
                matches.Add($"'{InputText.Show(columns[i])}'");
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
                roles[(int)role] = new CellSource(match, null, columns[match]);
                taken[match] = (int)role;
            }
        }
    }

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

    internal static int FindColumn(IReadOnlyList<string> columns, string name)
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

    private static (string Column, string Alias)? NearMiss(IReadOnlyList<string> columns, int[] taken, ColumnRole role)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (taken[i] >= 0) continue;
            var alias = ColumnAliases.Closest(columns[i], ColumnAliases.Names(role));
            if (alias is not null) return (columns[i], alias);
        }
        return null;
    }

    private static string Hint(IReadOnlyList<string> columns, int[] taken, ColumnRole role) =>
        NearMiss(columns, taken, role) is { } near ? $"; column '{InputText.Show(near.Column)}' is close: did you mean '{near.Alias}'?" : "";

    private static string Join(IEnumerable<string> names) => InputText.List(names);
}
