using System.CommandLine;
using ScaleLab.Data;
using ScaleLab.Quantities;
using ScaleLab.Serialization;
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
        var json = new Option<bool>("--json") { Description = $"print the predictions as JSON (schema {PredictionDocument.SchemaId})" };
        var command = new Command("predict", "Predict the metric of a saved fit at new model and data sizes")
        {
            fit, parameters, tokens, compute, unique, points, json,
        };
        command.SetAction(parse => BadInputGuard.Run(parse, () =>
        {
            var fitPath = parse.GetValue(fit)!;
            var document = FitDocument.Load(fitPath);
            var law = document.ResolveLaw();
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

            var predictions = document.Predict(at);
            var warnings = document.Extrapolation(at);
            var result = new PredictionDocument
            {
                Fit = fitPath,
                Law = document.Law,
                Metric = document.Input.Metric,
                Points = at.Select((p, i) => new PredictionEntry
                {
                    Parameters = p.Parameters.Value,
                    Tokens = p.Tokens.Value,
                    Compute = p.Compute.Value,
                    UniqueTokens = p.UniqueTokens?.Value,
                    Prediction = predictions[i],
                    Actual = double.IsNaN(p.Metric) ? null : p.Metric,
                }).ToArray(),
                Diagnostics = warnings.Select(DiagnosticEntry.From).ToArray(),
            };
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(result.ToJson());
                return 0;
            }
            Write(Terminal.For(parse), result, law.Variables);
            return 0;
        }));
        return command;
    }

    private static void Write(IAnsiConsole console, PredictionDocument result, IReadOnlyList<ScaleVariable> variables)
    {
        console.WriteLine($"Law: {result.Law} from {result.Fit}");
        var table = new Table().Border(Terminal.Border(console));
        bool withN = variables.Contains(ScaleVariable.Parameters), withD = variables.Contains(ScaleVariable.Tokens);
        bool withU = result.Points.Any(p => p.UniqueTokens is not null), withActual = result.Points.Any(p => p.Actual is not null);
        if (withN) table.AddColumn(new TableColumn("N").RightAligned());
        if (withD) table.AddColumn(new TableColumn("D").RightAligned());
        table.AddColumn(new TableColumn("C").RightAligned());
        if (withU) table.AddColumn(new TableColumn("U_D").RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape($"predicted {result.Metric}")).RightAligned());
        if (withActual) table.AddColumn(new TableColumn("actual").RightAligned());
        foreach (var p in result.Points)
        {
            var row = new List<string>();
            if (withN) row.Add(Quantity.Format(p.Parameters));
            if (withD) row.Add(Quantity.Format(p.Tokens));
            row.Add(Quantity.Format(p.Compute));
            if (withU) row.Add(p.UniqueTokens is { } ud ? Quantity.Format(ud) : "");
            row.Add(Quantity.Format(p.Prediction));
            if (withActual) row.Add(p.Actual is { } a ? Quantity.Format(a) : "");
            table.AddRow(row.ToArray());
        }
        console.Write(table);
        foreach (var diagnostic in result.Diagnostics) console.WriteLine($"  {diagnostic.Severity} [{diagnostic.Code}] {diagnostic.Message}");
    }
}
