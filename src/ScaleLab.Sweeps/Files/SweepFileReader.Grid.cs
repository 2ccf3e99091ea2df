using ScaleLab.Formulas;
using ScaleLab.Sweeps.Definition;
using ScaleLab.Toml;

namespace ScaleLab.Sweeps.Files;

public static partial class SweepFileReader
{
    private static readonly string[] Kinds = ["isoflop", "nxd", "list"];
    private static readonly string[] IsoFlopKeys = ["kind", "budgets", "sizes_per_budget", "spread", "fit"];
    private static readonly string[] ProductKeys = ["kind", "params", "tokens"];
    private static readonly string[] ListKeys = ["kind", "runs"];

    private static SweepGrid? ReadGrid(TomlReader r, TomlValue root, List<(SweepAxis Axis, (int Line, int Column) Key)> axes, string folder)
    {
        var table = root.Get("grid");
        if (table is null) { r.Error(root, "missing [grid]: say which runs to make, e.g. kind = \"isoflop\" with budgets = [1e17, 3e17, 1e18]"); return null; }
        if (!r.Expect(table, TomlValueKind.Table, "grid", "a table with kind = \"isoflop\", \"nxd\" or \"list\"")) return null;
        if (table.Get("kind") is null) { r.Error(table, "[grid] has no 'kind': \"isoflop\" (budgets × sizes), \"nxd\" (params × tokens) or \"list\" (runs)"); return null; }
        switch (Choice(r, table, "kind", "grid kind", Kinds))
        {
            case "isoflop":
            {
                r.CheckKeys(table, IsoFlopKeys, "an isoflop grid");
                var budgets = Numbers(r, table, "budgets", "budget", required: true);
                long? sizes = Integer(r, table, "sizes_per_budget", "'sizes_per_budget'", 0);
                if (sizes == 0) r.Error(table.Get("sizes_per_budget")!, "'sizes_per_budget' is 0: the grid would be empty");
                if (table.Get("sizes_per_budget") is null) r.Error(table, "an isoflop grid has no 'sizes_per_budget' (model sizes per budget, e.g. 7)");
                double spread = Positive(r, table, "spread", "'spread'") ?? IsoFlopGrid.DefaultSpread;
                if (table.Get("spread") is { Kind: TomlValueKind.Number } s && s.Number is > 0 and <= 1) r.Error(s, $"'spread' is {FormulaPrinter.Number(s.Number)}: it must be above 1 (sizes from optimum/spread to optimum·spread)");
                string? fit = null;
                if (r.OptionalString(table, "fit") is { } given)
                {
                    fit = Path.GetFullPath(Path.Combine(folder, given));
                    if (!File.Exists(fit)) r.Error(table.Get("fit")!, $"fit document '{given}' not found ({fit})");
                }
                return budgets is null || sizes is not > 0 ? null : new IsoFlopGrid(budgets, (int)sizes, spread, fit);
            }
            case "nxd":
            {
                r.CheckKeys(table, ProductKeys, "an nxd grid");
                var n = Numbers(r, table, "params", "model size", required: true, least: 1);
                var d = Numbers(r, table, "tokens", "token count", required: true, least: 1);
                return n is null || d is null ? null : new ProductGrid(n, d);
            }
            case "list":
            {
                r.CheckKeys(table, ListKeys, "a list grid");
                var runs = table.Get("runs");
                if (runs is null) { r.Error(table, "a list grid has no 'runs': runs = [{ params = 1e6, tokens = 2e7 }, …] or [[grid.runs]] tables"); return null; }
                if (!r.Expect(runs, TomlValueKind.Array, "'runs'", "an array of tables { params = …, tokens = … }")) return null;
                if (runs.Items.Count == 0) { r.Error(runs, "'runs' is empty: the grid would be empty"); return null; }
                var points = new List<GridPoint>();
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                var allowed = new List<string> { "params", "tokens" };
                allowed.AddRange(axes.Select(a => a.Axis.Name));
                foreach (var (item, index) in runs.Items.Select((x, i) => (x, i)))
                {
                    string subject = $"run {index + 1} of the list";
                    if (!r.Expect(item, TomlValueKind.Table, subject, "a table { params = …, tokens = … }")) continue;
                    double? n = Required(r, item, "params", subject, "model size"), d = Required(r, item, "tokens", subject, "token count");
                    var values = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (key, line, column, value) in item.Entries)
                    {
                        if (key is "params" or "tokens") continue;
                        if (!allowed.Contains(key))
                        {
                            var hint = NearMisses.Hint(key, allowed);
                            r.Error(line, column, $"unknown key '{key}' in {subject}: {hint ?? "a run has params, tokens and values of the axes declared in [axes]"}");
                            continue;
                        }
                        if (AxisValue(r, value, key) is { } text) values[key] = text;
                    }
                    if (n is null || d is null) continue;
                    var point = new GridPoint(Math.Round(n.Value), Math.Round(d.Value), null, values);
                    string identity = $"{point.Parameters}|{point.Tokens}|{string.Join(",", values.OrderBy(v => v.Key, StringComparer.Ordinal))}";
                    if (seen.TryGetValue(identity, out int first)) r.Error(item, $"{subject} is run {first + 1} again (same params, tokens and axis values)");
                    else seen[identity] = index;
                    points.Add(point);
                }
                return points.Count == runs.Items.Count ? new ListGrid(points) : null;
            }
            default:
                return null;
        }
    }

    private static double? Required(TomlReader r, TomlValue table, string key, string subject, string what)
    {
        if (table.Get(key) is not { } value) { r.Error(table, $"{subject} has no '{key}' ({what})"); return null; }
        var number = Positive(r, value, $"{subject}: '{key}'");
        if (number is < 1) { r.Error(value, $"{subject}: '{key}' is {FormulaPrinter.Number(number.Value)}: a {what} is at least 1"); return null; }
        return number;
    }

    /// <summary>A non-empty array of distinct positive numbers (each at least <paramref name="least"/>) at <paramref name="key"/>.</summary>
    private static List<double>? Numbers(TomlReader r, TomlValue table, string key, string what, bool required, double least = 0)
    {
        var value = table.Get(key);
        if (value is null)
        {
            if (required) r.Error(table, $"[grid] has no '{key}'");
            return null;
        }
        if (!r.Expect(value, TomlValueKind.Array, $"'{key}'", $"an array of numbers, e.g. {key} = [1e17, 3e17]")) return null;
        if (value.Items.Count == 0) { r.Error(value, $"'{key}' is empty: the grid would be empty"); return null; }
        var result = new List<double>();
        bool ok = true;
        foreach (var item in value.Items)
        {
            if (Positive(r, item, $"a {what} in '{key}'") is not { } number) { ok = false; continue; }
            if (number < least) { r.Error(item, $"{what} {FormulaPrinter.Number(number)} in '{key}' is below {FormulaPrinter.Number(least)}"); ok = false; continue; }
            if (result.Contains(number)) { r.Error(item, $"'{key}' has {FormulaPrinter.Number(number)} twice"); ok = false; continue; }
            result.Add(number);
        }
        return ok ? result : null;
    }
}
