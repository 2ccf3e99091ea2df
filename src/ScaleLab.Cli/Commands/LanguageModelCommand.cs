using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ScaleLab.Experiments;
using ScaleLab.Experiments.Plans;
using ScaleLab.Plots.Reports;
using ScaleLab.Serialization;
using ScaleLab.Store;
using ScaleLab.Studies;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab experiment language-model --vocab 64 --d-model 16,32,64 --tokens 1e5..1e7</c>.</summary>
internal static class LanguageModelCommand
{
    public static Command Create()
    {
        var vocab = new Option<int>("--vocab") { Description = "vocabulary of the synthetic Markov source", DefaultValueFactory = _ => 64 };
        var dModel = new Option<string>("--d-model") { Description = "model widths d_model, e.g. 16,32,64", DefaultValueFactory = _ => "16,32,64" };
        var tokens = new Option<string>("--tokens") { Description = "training tokens: a list or low..high (two points per decade)", DefaultValueFactory = _ => "1e5..1e7" };
        var common = new StudyOptions();
        var command = new Command("language-model", "Tiny transformer language models on a Markov source; Chinchilla fit over the (N, D) grid")
        {
            vocab, dModel, tokens,
        };
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if (common.Validate(parse) is { } error) return Task.FromResult(StudyOptions.BadInput(parse, error));
            int v = parse.GetValue(vocab);
            if (v < 2) return Task.FromResult(StudyOptions.BadInput(parse, $"--vocab: {v} must be at least 2"));
            if (!SizeList.TryParseIntegers(parse.GetValue(dModel)!, "--d-model", out var widths, out error)) return Task.FromResult(StudyOptions.BadInput(parse, error));
            if (!SizeList.TryParse(parse.GetValue(tokens)!, "--tokens", out var budget, out error)) return Task.FromResult(StudyOptions.BadInput(parse, error));
            var builder = new StudyPlanBuilder(common.StudyName(parse, $"language-model-v{v}"), parse.GetValue(common.Seed),
                $"tiny transformer LMs on a Markov source with vocabulary {v}");
            LanguageModelStudy.AddTo(builder, v, widths, budget);
            var plan = builder.Build(BuiltInExperiments.Cost);
            return common.ExecuteAsync(parse, plan, cancellationToken, (_, document, text) =>
            {
                using var store = RunStore.Open(parse.GetValue(common.Store)!, TimeProvider.System);
                if (LanguageModelStudy.FitChinchilla(plan, store, cancellationToken) is not var (fit, set, entropy))
                {
                    text?.WriteLine("chinchilla fit: too few finished runs");
                    return null;
                }
                document["chinchilla"] = new JsonObject
                {
                    ["points"] = set.Count,
                    ["status"] = JsonOutput.Word(fit.Status),
                    ["parameters"] = new JsonObject(fit.Parameters.Select(p => KeyValuePair.Create(p.Key, StudyConsole.Finite(p.Value)))),
                    ["entropyRate"] = entropy,
                };
                var table = new ReportTable("Chinchilla fit over the runs",
                    [.. fit.Parameters.Keys, "status", "source entropy rate H (nats)"],
                    [[.. fit.Parameters.Values.Select(StudyConsole.Number), fit.Status.ToString(), entropy is { } rate ? StudyConsole.Number(rate) : "-"]],
                    "L = E + A/N^alpha + B/D^beta fitted to every finished run; E should approach the entropy rate of the source.");
                if (text is null) return table;
                text.WriteLine($"chinchilla fit over {set.Count} runs ({fit.Status}): " +
                    string.Join(", ", fit.Parameters.Select(p => $"{p.Key} = {p.Value.ToString("G4", CultureInfo.InvariantCulture)}")));
                if (entropy is { } h)
                {
                    text.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  fitted E = {fit.Parameters["E"]:G4} nats beside the source's entropy rate H = {h:G4} nats"));
                }
                text.WriteLine("  no intervals here: export the runs (`scalelab runs export`) and fit them with bootstrap intervals");
                return table;
            });
        });
        return command;
    }
}
