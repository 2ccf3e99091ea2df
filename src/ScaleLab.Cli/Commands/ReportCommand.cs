using System.CommandLine;
using System.Text.Json;
using ScaleLab.Laws;
using ScaleLab.Plots.Reports;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab report FILE --law chinchilla --out report.html</c>: a self-contained HTML report.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV, JSON or JSONL file: one row per trained model" };
        var laws = new Option<string[]>("--law")
        {
            Description = $"laws to fit and report, repeatable (known: {string.Join(", ", LawRegistry.Names)})",
            DefaultValueFactory = _ => ["chinchilla"],
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<FileInfo>("--out") { Description = "HTML file to write", DefaultValueFactory = _ => new FileInfo("report.html") };
        var target = new Option<double?>("--target-compute") { Description = "budget in FLOPs to plan for (default 100x the largest in the data)" };
        var title = new Option<string>("--title") { Description = "heading of the report", DefaultValueFactory = _ => "Scaling-law report" };
        var json = new Option<bool>("--json") { Description = "print a summary as JSON (schema scalelab.report/1)" };
        var command = new Command("report", "Write a self-contained HTML report: data, fits, plots, plan") { file, laws, output, target, title, json };
        command.SetAction((parse, cancellationToken) =>
        {
            var outPath = parse.GetValue(output)!.FullName;
            var compute = parse.GetValue(target);
            if (compute is { } c && !(double.IsFinite(c) && c > 0)) return Task.FromResult(CommandInput.Fail($"--target-compute {c}: must be a positive number of FLOPs"));
            if (!CommandInput.TryRead(parse.GetValue(file)!, parse.GetValue(laws)!, out var data, out var fits)) return Task.FromResult(Program.BadInput);
            HtmlReport.Write(outPath, new ReportContent { Data = data, Fits = fits, TargetCompute = compute, Title = parse.GetValue(title)! }, cancellationToken);
            if (parse.GetValue(json))
            {
                var summary = new
                {
                    schema = "scalelab.report/1",
                    output = outPath,
                    runs = data.Count,
                    fits = fits.Select(f => new { law = f.Law.Name, status = f.Status, parameters = f.Parameters }),
                };
                Console.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            }
            else
            {
                Console.WriteLine($"wrote {outPath}: {data.Count} runs, {string.Join(", ", fits.Select(f => $"{f.Law.Name} {f.Status}"))}");
            }
            return Task.FromResult(0);
        });
        return command;
    }
}
