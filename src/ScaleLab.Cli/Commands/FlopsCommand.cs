using System.CommandLine;
using System.Text.Json.Nodes;
using ScaleLab.Accounting;
using ScaleLab.Quantities;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab flops --layers L --d-model D --context T --vocab V [--experts E --active K]</c>: parameter and FLOP counts under each convention.</summary>
internal static class FlopsCommand
{
    /// <summary>JSON schema identifier of the output.</summary>
    public const string SchemaId = "scalelab.flops/2";

    public static Command Create()
    {
        var layers = new Option<int>("--layers") { Description = "n_layer", Required = true };
        var dModel = new Option<int>("--d-model") { Description = "d_model", Required = true };
        var context = new Option<int>("--context") { Description = "n_ctx (sequence length)", DefaultValueFactory = _ => 2048 };
        var vocab = new Option<int>("--vocab") { Description = "vocabulary size", DefaultValueFactory = _ => 50257 };
        var dFf = new Option<int?>("--d-ff") { Description = "feed-forward width (default 4·d_model)" };
        var heads = new Option<int?>("--heads") { Description = "attention heads (default d_model/64)" };
        var experts = new Option<int>("--experts") { Description = "experts per MoE layer (1 = dense)", DefaultValueFactory = _ => 1 };
        var active = new Option<int>("--active") { Description = "experts active per token (top-k)", DefaultValueFactory = _ => 1 };
        var untied = new Option<bool>("--untied") { Description = "separate unembedding matrix (adds vocab·d_model parameters)" };
        var tokens = new Option<double?>("--tokens") { Description = "training tokens: also print total training FLOPs" };
        var json = new Option<bool>("--json") { Description = $"write JSON instead of a table (schema {SchemaId})" };
        var command = new Command("flops", "Parameter counts (non-embedding, total, MoE active) and FLOPs per token under 6ND, Kaplan and Hoffmann App. F")
        {
            layers, dModel, context, vocab, dFf, heads, experts, active, untied, tokens, json,
        };
        command.SetAction(parse =>
        {
            TransformerShape shape;
            ParameterBreakdown p;
            try
            {
                shape = new TransformerShape(parse.GetValue(layers), parse.GetValue(dModel), parse.GetValue(context), parse.GetValue(vocab))
                {
                    FeedForward = parse.GetValue(dFf), Heads = parse.GetValue(heads), Experts = parse.GetValue(experts),
                    ActiveExperts = parse.GetValue(active), TiedEmbeddings = !parse.GetValue(untied),
                }.Validated();
                p = ParameterBreakdown.Of(shape);
            }
            catch (ArgumentException e)
            {
                return BadInputGuard.Fail(parse, e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal));
            }
            var d = parse.GetValue(tokens);
            if (d is { } dd && !Quantity.IsPositive(dd))
            {
                return BadInputGuard.Fail(parse, $"--tokens {Quantity.Format(dd)} is not a positive number");
            }
            var estimates = Enum.GetValues<FlopConvention>().Select(c => FlopCounter.PerToken(shape, c)).ToArray();
            if (parse.GetValue(json))
            {
                var conventions = new JsonObject();
                foreach (var e in estimates)
                {
                    var o = new JsonObject
                    {
                        ["forwardPerToken"] = JsonOutput.Number(e.ForwardPerToken.Value), ["trainingPerToken"] = JsonOutput.Number(e.TrainingPerToken.Value),
                        ["excludedForwardPerToken"] = JsonOutput.Number(e.ExcludedForwardPerToken), ["description"] = e.Description,
                    };
                    if (d is { } t) o["trainingFlops"] = JsonOutput.Number(e.Training(TokenCount.Of(t)).Value);
                    conventions[JsonOutput.Word(e.Convention).Replace("six-n-d", "6nd", StringComparison.Ordinal)] = o;
                }
                var root = new JsonObject
                {
                    ["schema"] = SchemaId,
                    ["shape"] = new JsonObject
                    {
                        ["layers"] = shape.Layers, ["dModel"] = shape.DModel, ["dAttn"] = shape.DAttn, ["dFf"] = shape.DFf, ["heads"] = shape.HeadCount,
                        ["context"] = shape.Context, ["vocab"] = shape.Vocabulary, ["experts"] = shape.Experts, ["activeExperts"] = shape.ActiveExperts,
                        ["tiedEmbeddings"] = shape.TiedEmbeddings,
                    },
                    ["parameters"] = new JsonObject
                    {
                        ["nonEmbedding"] = JsonOutput.Number(p.NonEmbedding.Value), ["activeNonEmbedding"] = JsonOutput.Number(p.ActiveNonEmbedding.Value),
                        ["embedding"] = JsonOutput.Number(p.Embedding.Value), ["router"] = JsonOutput.Number(p.Router), ["total"] = JsonOutput.Number(p.Total.Value),
                        ["active"] = JsonOutput.Number(p.Active.Value),
                    },
                    ["flops"] = conventions,
                };
                if (d is { } tk) root["tokens"] = JsonOutput.Number(tk);
                parse.InvocationConfiguration.Output.WriteLine(JsonOutput.ToText(root));
                return 0;
            }
            parse.InvocationConfiguration.Output.WriteLine($"parameters (biases and norms excluded, Kaplan eq. 2.1):");
            parse.InvocationConfiguration.Output.WriteLine($"  non-embedding (Kaplan N)   {Count(p.NonEmbedding.Value)}");
            if (shape.IsMixtureOfExperts) parse.InvocationConfiguration.Output.WriteLine($"  active non-embedding       {Count(p.ActiveNonEmbedding.Value)}  ({shape.ActiveExperts} of {shape.Experts} experts; router {Count(p.Router)})");
            parse.InvocationConfiguration.Output.WriteLine($"  embedding                  {Count(p.Embedding.Value)}");
            parse.InvocationConfiguration.Output.WriteLine($"  total (Chinchilla N)       {Count(p.Total.Value)}");
            parse.InvocationConfiguration.Output.WriteLine("FLOPs per token:");
            foreach (var e in estimates)
            {
                string total = d is { } t ? $"   training on {PlanFormat.Number(t)} tokens: {PlanFormat.Number(e.Training(TokenCount.Of(t)).Value)}" : "";
                parse.InvocationConfiguration.Output.WriteLine($"  {e.Convention,-9} forward {PlanFormat.Number(e.ForwardPerToken.Value)}, training {PlanFormat.Number(e.TrainingPerToken.Value)}{total}");
                parse.InvocationConfiguration.Output.WriteLine($"            {e.Description}");
            }
            return 0;
        });
        return command;
    }

    private static string Count(double v) => v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
