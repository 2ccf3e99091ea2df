using System.Globalization;
using ScaleLab.Diagnostics;
using ScaleLab.Quantities;

namespace ScaleLab.Data.Reading;

/// <summary>
/// Duplicate detection: rows repeating the same (N, D, C, metric), or the same run id at the same step. They are
/// kept, since repeated seeds are legitimate, but reported, since a run exported twice weighs double in a fit.
/// Linear time: rows are grouped through an open-addressing table of row indices (4 bytes a row, no key objects).
/// </summary>
internal static class DuplicateRows
{
    private const int Shown = 8;

    public static Diagnostic? Find(RunColumns columns, string metricName)
    {
        var groups = new List<string>();
        var n = columns.Column(ScaleVariable.Parameters);
        var d = columns.Column(ScaleVariable.Tokens);
        var c = columns.Column(ScaleVariable.Compute);
        var metric = columns.Metric;
        // Equal as double.Equals has it (NaN equals NaN, 0 equals -0); an absent variable is equal everywhere.
        bool SameValues(int a, int b) => Same(n, a, b) && Same(d, a, b) && Same(c, a, b) && metric[a].Equals(metric[b]);
        int HashValues(int i) => HashCode.Combine(Hash(n, i), Hash(d, i), Hash(c, i), metric[i].GetHashCode());
        foreach (var rows in Groups(columns.Count, _ => true, HashValues, SameValues))
        {
            groups.Add($"rows {Rows(columns, rows)} (same N, D, C and {metricName})");
        }
        if (columns.RunId is { } runs)
        {
            var step = columns.Step;
            bool HasRun(int i) => !runs.Span(i).Trim().IsEmpty;
            bool SameRun(int a, int b) => runs.Span(a).Trim().SequenceEqual(runs.Span(b).Trim()) && Same(step, a, b);
            int HashRun(int i) => HashCode.Combine(string.GetHashCode(runs.Span(i).Trim(), StringComparison.Ordinal), Hash(step, i));
            foreach (var rows in Groups(columns.Count, HasRun, HashRun, SameRun))
            {
                var at = step is not null && !double.IsNaN(step[rows[0]]) ? $" at step {Quantity.Format(step[rows[0]])}" : "";
                groups.Add($"rows {Rows(columns, rows)} (same run id '{InputText.Show(runs.Span(rows[0]).Trim())}'{at})");
            }
        }
        if (groups.Count == 0) return null;
        var list = string.Join("; ", groups.Take(Shown)) + (groups.Count > Shown ? $"; and {groups.Count - Shown} more" : "");
        return Diagnostic.Warning("duplicate-rows", $"{groups.Count} group(s) of duplicated rows, kept: {list}");
    }

    private static bool Same(double[]? column, int a, int b) => column is null || column[a].Equals(column[b]);

    private static int Hash(double[]? column, int i) => column is null ? 0 : column[i].GetHashCode();

    // Groups of more than one row with equal keys, in order of first appearance, each in row order.
    private static List<List<int>> Groups(int count, Func<int, bool> keyed, Func<int, int> hash, Func<int, int, bool> equal)
    {
        int capacity = 16;
        while (capacity < count * 2) capacity <<= 1;
        var table = new int[capacity];
        // first[i]: the first row with row i's key (−1 for rows without a key).
        var first = new int[count];
        var size = new int[count];
        int mask = capacity - 1;
        for (int i = 0; i < count; i++)
        {
            first[i] = -1;
            if (!keyed(i)) continue;
            int slot = hash(i) & mask;
            while (true)
            {
                int held = table[slot] - 1;
                if (held < 0)
                {
                    table[slot] = i + 1;
                    first[i] = i;
                    break;
                }
                if (equal(held, i))
                {
                    first[i] = held;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            size[first[i]]++;
        }
        var groups = new List<List<int>>();
        var byFirst = new Dictionary<int, List<int>>();
        for (int i = 0; i < count; i++)
        {
            int f = first[i];
            if (f < 0 || size[f] < 2) continue;
            if (!byFirst.TryGetValue(f, out var group))
            {
                byFirst.Add(f, group = []);
                groups.Add(group);
            }
            group.Add(i);
        }
        return groups;
    }

    private static string Rows(RunColumns columns, List<int> group)
    {
        var rows = new string[Math.Min(group.Count, 20)];
        for (int i = 0; i < rows.Length; i++) rows[i] = columns.Rows[group[i]].ToString(CultureInfo.InvariantCulture);
        return string.Join(", ", rows) + (group.Count > rows.Length ? $", … ({group.Count} rows)" : "");
    }
}
