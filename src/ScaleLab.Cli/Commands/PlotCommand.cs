using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Plots.Model;
using ScaleLab.Plots.Rendering;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab plot FILE [--fit fit.json | --law NAME] --out loss-vs-compute.png [--kind KIND]</c>: one log-log plot as PNG or SVG.</summary>
internal static class PlotCommand
{
    /// <summary>JSON schema identifier of the output.</summary>
    public const string SchemaId = "scalelab.plot/1";

    /// <summary>Plot kinds and whether they need a fit.</summary>
    public static readonly IReadOnlyDictionary<string, bool> Kinds = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase)
    {
        ["loss-compute"] = false, ["loss-parameters"] = false, ["loss-tokens"] = false, ["isoflop"] = false,
        ["frontier"] = true, ["residuals-parameters"] = true, ["residuals-tokens"] = true, ["residuals-compute"] = true, ["exponents"] = true,
    };

    public static Command Create()
    {
        var file = DataOptions.File();
        var input = new DataOptions();
        var fitFile = new Option<FileInfo?>("--fit") { Description = "saved fit (scalelab.fit/1 JSON, from 'scalelab fit --out') to draw; its bootstrap samples give the bands" };
        var law = new Option<string?>("--law") { Description = $"fit this law now and draw it (known: {string.Join(", ", LawRegistry.Names)})" };
        var output = new Option<FileInfo>("--out") { Description = "image to write; .png or .svg", Required = true };
        var kind = new Option<string>("--kind")
        {
            Description = $"what to plot: {string.Join(", ", Kinds.Keys)}",
            DefaultValueFactory = _ => "loss-compute",
        };
        var target = new Option<double?>("--target-compute") { Description = "budget in FLOPs the frontier is extrapolated to (default 100x the largest)" };
        var width = new Option<int>("--width") { Description = "image width in pixels", DefaultValueFactory = _ => PlotRenderer.DefaultWidth };
        var height = new Option<int>("--height") { Description = "image height in pixels", DefaultValueFactory = _ => PlotRenderer.DefaultHeight };
        var json = new Option<bool>("--json") { Description = $"print the plotted data as JSON (schema {SchemaId})" };
        var command = new Command("plot", "Draw a log-log plot of runs and a fitted law (PNG or SVG)") { file, fitFile, law, output, kind, target, width, height, json };
        input.AddTo(command);
        command.SetAction(parse => BadInputGuard.Run(parse, () =>
        {
            var outPath = parse.GetValue(output)!.FullName;
            var kindName = parse.GetValue(kind)!;
            var lawName = parse.GetValue(law);
            var saved = parse.GetValue(fitFile);
            var ext = Path.GetExtension(outPath).ToLowerInvariant();
            if (ext is not (".png" or ".svg")) return BadInputGuard.Fail(parse, $"--out '{outPath}': the image format is chosen by the extension, .png or .svg");
            if (!Kinds.TryGetValue(kindName, out var needsFit)) return BadInputGuard.Fail(parse, $"--kind '{kindName}': unknown (known: {string.Join(", ", Kinds.Keys)})");
            if (saved is not null && lawName is not null) return BadInputGuard.Fail(parse, "give --fit or --law, not both");
            if (needsFit && lawName is null && saved is null) return BadInputGuard.Fail(parse, $"--kind {kindName} draws a fitted law: give --fit or --law");
            if (parse.GetValue(width) < 100 || parse.GetValue(height) < 100) return BadInputGuard.Fail(parse, "--width and --height must be at least 100 pixels");
            if (input.Grouped(parse)) return Grouped(parse, input, parse.GetValue(file)!, kindName, lawName, saved, outPath, parse.GetValue(width), parse.GetValue(height), parse.GetValue(json));
            var (data, fits) = CommandInput.Read(parse, input, parse.GetValue(file)!, saved is null ? [] : [saved], lawName is null ? [] : [lawName]);
            DataOptions.Announce(parse, data);
            var reported = fits.FirstOrDefault();
            var (fit, analysis) = (reported?.Fit, reported?.Analysis);
            var plotted = kindName.ToLowerInvariant() switch
            {
                "loss-parameters" or "residuals-parameters" => ScaleVariable.Parameters,
                "loss-tokens" or "residuals-tokens" => ScaleVariable.Tokens,
                _ => ScaleVariable.Compute,
            };
            if (!data.PresentVariables.Contains(plotted)) return BadInputGuard.Fail(parse, $"{data.Source}: the file holds no {ScalingPlots.AxisOf(plotted).Label} to plot against");
            if (kindName.Equals("frontier", StringComparison.OrdinalIgnoreCase) && !(fit!.Law.Variables.Contains(ScaleVariable.Parameters) && fit.Law.Variables.Contains(ScaleVariable.Tokens)))
            {
                return BadInputGuard.Fail(parse, $"law '{fit.Law.Name}' does not depend on both N and D: it has no compute-optimal frontier");
            }
            var spec = Build(kindName.ToLowerInvariant(), data, fit, analysis, parse.GetValue(target));
            if (spec is null) return BadInputGuard.Fail(parse, $"--kind {kindName}: the fit has fewer than 20 bootstrap samples to plot (give --fit with a fit document that holds a bootstrap)");
            PlotRenderer.Save(spec, outPath, parse.GetValue(width), parse.GetValue(height));
            if (parse.GetValue(json))
            {
                var root = new JsonObject { ["schema"] = SchemaId, ["output"] = outPath, ["kind"] = kindName, ["plot"] = JsonSerializer.SerializeToNode(spec, JsonOptions) };
                parse.InvocationConfiguration.Output.WriteLine(JsonOutput.ToText(root));
            }
            else
            {
                parse.InvocationConfiguration.Output.WriteLine($"wrote {outPath}: {spec.Title} ({data.Count} runs{(fit is null ? "" : $", {fit.Law.Name} fit {JsonOutput.Word(fit.Status)}")})");
            }
            return 0;
        }));
        return command;
    }

    // --group-by: one series per group (and the law fitted to each group apart), for the plots of loss against N, D or C.
    private static int Grouped(ParseResult parse, DataOptions input, string file, string kindName, string? lawName, FileInfo? saved, string outPath, int width, int height, bool json)
    {
        var plotted = kindName.ToLowerInvariant() switch
        {
            "loss-compute" => ScaleVariable.Compute,
            "loss-parameters" => ScaleVariable.Parameters,
            "loss-tokens" => ScaleVariable.Tokens,
            _ => (ScaleVariable?)null,
        };
        if (plotted is not { } x) return BadInputGuard.Fail(parse, $"--kind {kindName} with --group-by: grouped plots are loss-compute, loss-parameters and loss-tokens");
        if (saved is not null) return BadInputGuard.Fail(parse, "--fit with --group-by: give --law, which is fitted to each group apart");
        var (data, _) = CommandInput.Read(parse, input, file, [], []);
        DataOptions.Announce(parse, data);
        if (!data.Has(x)) return BadInputGuard.Fail(parse, $"{data.Source}: the file holds no {ScalingPlots.AxisOf(x).Label} to plot against");
        var law = lawName is null ? null : LawRegistry.Get(lawName);
        CommandInput.Require(data, law is null ? [] : [law]);
        var groups = data.Groups();
        IReadOnlyList<GroupOutcome<FittedLaw>> outcomes = law is null ? []
            : RowGroups.Run(groups, g => RowGroups.TooFew(g, law.Parameters.Count + 1, $"a fit of {law.Name}"), (g, _) => FittedLaw.Fit(law, g.Data));
        var spec = ScalingPlots.LossByGroup(x, data.MetricName, [.. groups.Select(g => (g.Name, g.Data, outcomes.FirstOrDefault(o => o.Group == g)?.Result))]);
        PlotRenderer.Save(spec, outPath, width, height);
        var output = parse.InvocationConfiguration.Output;
        if (json)
        {
            var root = new JsonObject
            {
                ["schema"] = SchemaId, ["output"] = outPath, ["kind"] = kindName,
                ["groupBy"] = new JsonArray([.. data.GroupColumns.Select(c => (JsonNode)c)]),
                ["plot"] = JsonSerializer.SerializeToNode(spec, JsonOptions),
            };
            output.WriteLine(JsonOutput.ToText(root));
        }
        else
        {
            output.WriteLine($"wrote {outPath}: {spec.Title} ({data.Count} runs in {groups.Count} groups by {string.Join(", ", data.GroupColumns)})");
            foreach (var o in outcomes)
            {
                if (o.Skipped is not null) output.WriteLine($"  {o.Group.Name}: no fit ({o.Skipped})");
                else if (o.Result is { } r) output.WriteLine($"  {o.Group.Name}: {r.Law.Name} fit {JsonOutput.Word(r.Status)}");
            }
        }
        return 0;
    }

    private static PlotSpec? Build(string kind, ObservationSet data, FittedLaw? fit, FitAnalysis? analysis, double? target) => kind switch
    {
        "loss-compute" => ScalingPlots.LossAgainst(ScaleVariable.Compute, data, fit, analysis),
        "loss-parameters" => ScalingPlots.LossAgainst(ScaleVariable.Parameters, data, fit, analysis),
        "loss-tokens" => ScalingPlots.LossAgainst(ScaleVariable.Tokens, data, fit, analysis),
        "isoflop" => ScalingPlots.IsoFlop(data),
        "frontier" => ScalingPlots.ComputeOptimalFrontier(data, fit!, analysis, target),
        "residuals-parameters" => ScalingPlots.Residuals(data, fit!, ScaleVariable.Parameters),
        "residuals-tokens" => ScalingPlots.Residuals(data, fit!, ScaleVariable.Tokens),
        "residuals-compute" => ScalingPlots.Residuals(data, fit!, ScaleVariable.Compute),
        _ => ScalingPlots.ExponentDistribution(fit!, analysis),
    };

    // The plot's own members by reflection (camelCase, kinds as kebab-case words, named non-finite numbers); the text comes from the one JSON writer.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
