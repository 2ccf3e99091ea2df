using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Plots.Model;
using ScaleLab.Plots.Rendering;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab plot FILE [--law NAME] --out loss-vs-compute.png [--kind KIND]</c>: one log-log plot as PNG or SVG.</summary>
internal static class PlotCommand
{
    /// <summary>Plot kinds and whether they need a fit.</summary>
    public static readonly IReadOnlyDictionary<string, bool> Kinds = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase)
    {
        ["loss-compute"] = false, ["loss-parameters"] = false, ["loss-tokens"] = false, ["isoflop"] = false,
        ["frontier"] = true, ["residuals-parameters"] = true, ["residuals-tokens"] = true, ["residuals-compute"] = true, ["exponents"] = true,
    };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV, JSON or JSONL file: one row per trained model" };
        var law = new Option<string?>("--law") { Description = $"fit this law and draw it (known: {string.Join(", ", LawRegistry.Names)})" };
        var output = new Option<FileInfo>("--out") { Description = "image to write; .png or .svg", Required = true };
        var kind = new Option<string>("--kind")
        {
            Description = $"what to plot: {string.Join(", ", Kinds.Keys)}",
            DefaultValueFactory = _ => "loss-compute",
        };
        var target = new Option<double?>("--target-compute") { Description = "budget in FLOPs the frontier is extrapolated to (default 100x the largest)" };
        var width = new Option<int>("--width") { Description = "image width in pixels", DefaultValueFactory = _ => PlotRenderer.DefaultWidth };
        var height = new Option<int>("--height") { Description = "image height in pixels", DefaultValueFactory = _ => PlotRenderer.DefaultHeight };
        var json = new Option<bool>("--json") { Description = "print the plotted data as JSON (schema scalelab.plot/1)" };
        var command = new Command("plot", "Draw a log-log plot of runs and a fitted law (PNG or SVG)") { file, law, output, kind, target, width, height, json };
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output)!.FullName;
            var kindName = parse.GetValue(kind)!;
            var lawName = parse.GetValue(law);
            var ext = Path.GetExtension(outPath).ToLowerInvariant();
            if (ext is not (".png" or ".svg")) return Fail($"--out '{outPath}': the image format is chosen by the extension, .png or .svg");
            if (!Kinds.TryGetValue(kindName, out var needsFit)) return Fail($"--kind '{kindName}': unknown (known: {string.Join(", ", Kinds.Keys)})");
            if (needsFit && lawName is null) return Fail($"--kind {kindName} draws a fitted law: give --law");
            if (parse.GetValue(width) < 100 || parse.GetValue(height) < 100) return Fail("--width and --height must be at least 100 pixels");
            if (!CommandInput.TryRead(parse.GetValue(file)!, lawName is null ? [] : [lawName], out var data, out var fits)) return Program.BadInput;
            var fit = fits.FirstOrDefault();
            var plotted = kindName.ToLowerInvariant() switch
            {
                "loss-parameters" or "residuals-parameters" => ScaleVariable.Parameters,
                "loss-tokens" or "residuals-tokens" => ScaleVariable.Tokens,
                _ => ScaleVariable.Compute,
            };
            if (!data.PresentVariables.Contains(plotted)) return Fail($"{data.Source}: the file holds no {ScalingPlots.AxisOf(plotted).Label} to plot against");
            if (kindName.Equals("frontier", StringComparison.OrdinalIgnoreCase) && !(fit!.Law.Variables.Contains(ScaleVariable.Parameters) && fit.Law.Variables.Contains(ScaleVariable.Tokens)))
            {
                return Fail($"law '{fit.Law.Name}' does not depend on both N and D: it has no compute-optimal frontier");
            }
            var spec = Build(kindName.ToLowerInvariant(), data, fit, parse.GetValue(target));
            if (spec is null) return Fail($"--kind {kindName}: the fit has no bootstrap samples to plot");
            PlotRenderer.Save(spec, outPath, parse.GetValue(width), parse.GetValue(height));
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { schema = "scalelab.plot/1", output = outPath, kind = kindName, plot = spec }, JsonOptions));
            }
            else
            {
                Console.WriteLine($"wrote {outPath}: {spec.Title} ({data.Count} runs{(fit is null ? "" : $", {fit.Law.Name} fit {fit.Status}")})");
            }
            return 0;
        });
        return command;
    }

    private static PlotSpec? Build(string kind, ObservationSet data, FitView? fit, double? target) => kind switch
    {
        "loss-compute" => ScalingPlots.LossAgainst(ScaleVariable.Compute, data, fit),
        "loss-parameters" => ScalingPlots.LossAgainst(ScaleVariable.Parameters, data, fit),
        "loss-tokens" => ScalingPlots.LossAgainst(ScaleVariable.Tokens, data, fit),
        "isoflop" => ScalingPlots.IsoFlop(data),
        "frontier" => ScalingPlots.ComputeOptimalFrontier(data, fit!, target),
        "residuals-parameters" => ScalingPlots.Residuals(data, fit!, ScaleVariable.Parameters),
        "residuals-tokens" => ScalingPlots.Residuals(data, fit!, ScaleVariable.Tokens),
        "residuals-compute" => ScalingPlots.Residuals(data, fit!, ScaleVariable.Compute),
        _ => ScalingPlots.ExponentDistribution(fit!),
    };

    private static int Fail(string message) => CommandInput.Fail(message);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
