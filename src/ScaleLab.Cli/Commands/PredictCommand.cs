using System.CommandLine;
using ScaleLab.Data;
using ScaleLab.Quantities;
using ScaleLab.Serialization;
using ScaleLab.Uncertainty;
using Spectre.Console;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab predict --fit fit.json --params 7e10 --tokens 1.4e12</c>: evaluate a saved fit at new scales.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var fit = new Option<string>("--fit") { Description = $"a fit saved by 'scalelab fit --out' (schema {FitDocument.SchemaId})", Required = true };
        var parameters = new Option<string[]>("--params") { Description = "parameter counts N, e.g. 7e10 or 1e9,1e10", AllowMultipleArgumentsPerToken = true };
        var tokens = new Option<string[]>("--tokens") { Description = "training tokens D (one value, or one per point)", AllowMultipleArgumentsPerToken = true };
        var compute = new Option<string[]>("--compute") { Description = "training FLOPs C (with N or D, the other follows from C = 6ND)", AllowMultipleArgumentsPerToken = true };
        var unique = new Option<string[]>("--unique-tokens") { Description = "unique tokens U_D, for data-constrained laws", AllowMultipleArgumentsPerToken = true };
        var points = new Option<string?>("--points") { Description = "CSV/JSON file of points (columns as for 'fit'; a metric column, if any, is shown beside the prediction)" };
        var group = new Option<string?>("--group") { Description = $"with a document of fits per group ({FitGroupsDocument.SchemaId}, from fit --group-by): predict with this group's fit (default: every group's)" };
        var json = new Option<bool>("--json") { Description = $"print the predictions as JSON (schema {PredictionDocument.SchemaId}; {GroupsSchemaId} for every group of a grouped fit)" };
        var command = new Command("predict", "Predict the metric of a saved fit at new model and data sizes")
        {
            fit, parameters, tokens, compute, unique, points, group, json,
        };
        command.SetAction(parse => BadInputGuard.Run(parse, () =>
        {
            var fitPath = parse.GetValue(fit)!;
            var groupName = parse.GetValue(group);
            var groups = FitGroupsDocument.IsGrouped(fitPath) ? FitGroupsDocument.Load(fitPath) : null;
            if (groups is null && groupName is not null) throw new ArgumentException($"--group applies to a document of fits per group (fit --group-by); {fitPath} holds one fit");
            FitGroupEntry[] entries = groups is null ? [] : groupName is null ? [.. groups.Groups] : [groups.Group(groupName)];
            if (groupName is not null && entries[0].Fit is null) throw new ArgumentException($"{fitPath}: group '{groupName}' has no fit ({entries[0].Skipped})");
            var document = groups is null ? FitDocument.Load(fitPath)
                : entries.FirstOrDefault(e => e.Fit is not null)?.Fit ?? throw new InputDataException(fitPath, null, null, "no group has a fit");
            var fitted = document.ToFittedLaw();
            var law = fitted.Law;
            var n = OptionSyntax.Numbers(parse.GetValue(parameters), "--params");
            var d = OptionSyntax.Numbers(parse.GetValue(tokens), "--tokens");
            var c = OptionSyntax.Numbers(parse.GetValue(compute), "--compute");
            var u = OptionSyntax.Numbers(parse.GetValue(unique), "--unique-tokens");
            IReadOnlyList<Observation> at;
            if (parse.GetValue(points) is { } pointsPath)
            {
                if (n.Length + d.Length + c.Length + u.Length > 0) throw new ArgumentException("give the points either with --points or with --params/--tokens/--compute, not both");
                at = ObservationReader.ReadPoints(pointsPath, new ColumnMapping { Require = law.Variables }).Observations;
            }
            else
            {
                int count = new[] { n.Length, d.Length, c.Length, u.Length }.Max();
                if (count == 0) throw new ArgumentException("no points: give --params, --tokens and/or --compute, or --points FILE");
                foreach (var (values, option) in new[] { (n, "--params"), (d, "--tokens"), (c, "--compute"), (u, "--unique-tokens") })
                {
                    if (values.Length is not (0 or 1) && values.Length != count)
                    {
                        throw new ArgumentException($"{option} has {values.Length} values but another list has {count}; give one value or {count}");
                    }
                }
                static double? Pick(double[] values, int i) => values.Length == 0 ? null : values[values.Length == 1 ? 0 : i];
                at = Enumerable.Range(0, count).Select(i => ScalePoints.Create(law, Pick(n, i), Pick(d, i), Pick(c, i), Pick(u, i))).ToArray();
            }

            if (groups is not null && groupName is null) return Grouped(parse, fitPath, groups, at, parse.GetValue(json));
            // A fit saved with --bootstrap carries its intervals into predictions (at the fit's interval level).
            var result = PredictionDocument.From(fitPath, fitted, fitted.Predict(at, document.ToAnalysis()));
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(result.ToJson());
                return 0;
            }
            Write(Terminal.For(parse), result);
            return 0;
        }));
        return command;
    }

    /// <summary>JSON schema of the predictions of every group of a grouped fit.</summary>
    public const string GroupsSchemaId = "scalelab.predict-groups/1";

    // Every group's predictions at the same points: a table per group, or one document of scalelab.predict/1 documents.
    private static int Grouped(ParseResult parse, string fitPath, FitGroupsDocument groups, IReadOnlyList<Observation> at, bool json)
    {
        var results = groups.Groups.Select(g =>
        {
            if (g.Fit is not { } document) return (g, (PredictionDocument?)null);
            var fitted = document.ToFittedLaw();
            return (g, PredictionDocument.From(fitPath, fitted, fitted.Predict(at, document.ToAnalysis())));
        }).ToArray();
        if (json)
        {
            var entries = results.Select(r => GroupedDocument.Entry(r.g.Name, r.g.Values, r.g.Rows, r.Item2 is { } p ? System.Text.Json.Nodes.JsonNode.Parse(p.ToJson()) : null, r.g.Skipped));
            parse.InvocationConfiguration.Output.WriteLine(JsonOutput.ToText(GroupedDocument.ToJson(GroupsSchemaId, groups.GroupBy, new System.Text.Json.Nodes.JsonObject { ["fit"] = fitPath }, entries)));
            return 0;
        }
        var console = Terminal.For(parse);
        foreach (var (g, result) in results)
        {
            console.WriteLine($"Group: {g.Name} ({g.Rows} rows)");
            if (result is null) console.WriteLine($"  skipped: {g.Skipped}");
            else Write(console, result);
        }
        return 0;
    }

    private static void Write(IAnsiConsole console, PredictionDocument result)
    {
        console.WriteLine($"Law: {result.Law} from {result.Fit}");
        var table = new Table().Border(Terminal.Border(console));
        var points = result.Points;
        var columns = new List<(string Header, Func<PredictionEntry, double?> Value)>();
        if (points.Any(p => p.Parameters is not null)) columns.Add(("N", p => p.Parameters));
        if (points.Any(p => p.Tokens is not null)) columns.Add(("D", p => p.Tokens));
        if (points.Any(p => p.Compute is not null)) columns.Add(("C", p => p.Compute));
        if (points.Any(p => p.UniqueTokens is not null)) columns.Add(("U_D", p => p.UniqueTokens));
        columns.Add(($"predicted {result.Metric}", p => p.Prediction));
        static string Level(Interval interval) => $" ({Quantity.Compact(100 * interval.Level)} %)";
        if (points.FirstOrDefault(p => p.Interval is not null)?.Interval is { } mean)
        {
            columns.Add(("mean lower" + Level(mean), p => p.Interval?.Lower));
            columns.Add(("mean upper" + Level(mean), p => p.Interval?.Upper));
        }
        if (points.FirstOrDefault(p => p.Predictive is not null)?.Predictive is { } run)
        {
            columns.Add(("new run lower" + Level(run), p => p.Predictive?.Lower));
            columns.Add(("new run upper" + Level(run), p => p.Predictive?.Upper));
        }
        if (points.Any(p => p.Actual is not null)) columns.Add(("actual", p => p.Actual));
        foreach (var (header, _) in columns) table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        foreach (var p in points)
        {
            table.AddRow(columns.Select(c => c.Value(p) is { } v ? Quantity.Format(v) : "").ToArray());
        }
        console.Write(table);
        foreach (var diagnostic in result.Diagnostics) console.WriteLine($"  {diagnostic.Severity} [{diagnostic.Code}] {diagnostic.Message}");
    }
}
