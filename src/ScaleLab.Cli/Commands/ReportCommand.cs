using System.CommandLine;
using System.Text.Json;
using ScaleLab.Laws;
using ScaleLab.Plots.Reports;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab report FILE [--fit fit.json]… [--law NAME]… --out report.html</c>: a self-contained HTML report.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV, JSON or JSONL file: one row per trained model" };
        var fitFiles = new Option<FileInfo[]>("--fit")
        {
            Description = "saved fits to report (scalelab.fit/1 JSON), repeatable; their bootstrap samples give intervals and bands",
            AllowMultipleArgumentsPerToken = true,
        };
        var laws = new Option<string[]>("--law")
        {
            Description = $"laws to fit now and report, repeatable (known: {string.Join(", ", LawRegistry.Names)}); chinchilla when neither --fit nor --law is given",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<FileInfo>("--out") { Description = "HTML file to write", DefaultValueFactory = _ => new FileInfo("report.html") };
        var target = new Option<double?>("--target-compute") { Description = "budget in FLOPs to plan for (default 100x the largest in the data)" };
        var title = new Option<string>("--title") { Description = "heading of the report", DefaultValueFactory = _ => "Scaling-law report" };
        var dropHighest = new Option<int>("--drop-highest") { Description = "drop the K rows of highest metric before fitting (as for 'scalelab fit')", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "print a summary as JSON (schema scalelab.report/1)" };
        var command = new Command("report", "Write a self-contained HTML report: data, fits, plots, plan") { file, fitFiles, laws, output, target, title, dropHighest, json };
        command.SetAction((parse, cancellationToken) => Task.FromResult(BadInputGuard.Run(parse, () =>
        {
            var outPath = parse.GetValue(output)!.FullName;
            var compute = parse.GetValue(target);
            if (compute is { } c && !(double.IsFinite(c) && c > 0)) return BadInputGuard.Fail(parse, $"--target-compute {c}: must be a positive number of FLOPs");
            var saved = parse.GetValue(fitFiles) ?? [];
            var names = parse.GetValue(laws) ?? [];
            if (saved.Length == 0 && names.Length == 0) names = ["chinchilla"];
            var (data, fits) = CommandInput.Read(parse.GetValue(file)!, parse.GetValue(dropHighest), saved, names);
            HtmlReport.Write(outPath, new ReportContent { Data = data, Fits = fits, TargetCompute = compute, Title = parse.GetValue(title)! }, cancellationToken);
            var console = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                var summary = new
                {
                    schema = "scalelab.report/1",
                    output = outPath,
                    runs = data.Count,
                    fits = fits.Select(f => new { law = f.Law.Name, status = f.Status, parameters = f.Parameters, resamples = f.Samples.Count }),
                };
                console.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            }
            else
            {
                console.WriteLine($"wrote {outPath}: {data.Count} runs, {string.Join(", ", fits.Select(f => $"{f.Law.Name} {f.Status}"))}");
            }
            return 0;
        })));
        return command;
    }
}
