using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Planning;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab approaches runs.csv curves.csv</c>: Hoffmann's three approaches side by side, with their disagreement.</summary>
internal static class ApproachesCommand
{
    /// <summary>JSON schema identifier of the output.</summary>
    public const string SchemaId = "scalelab.approaches/2";

    public static Command Create()
    {
        var runs = DataOptions.File("runs", "final runs at several budgets (approach 2; approach 3 is fitted on them unless --fit is given)");
        var curves = new Argument<FileInfo?>("curves") { Description = "per-checkpoint training curves (approach 1)", Arity = ArgumentArity.ZeroOrOne };
        var fit = new Option<FileInfo?>("--fit") { Description = "fit document for approach 3 instead of fitting the Chinchilla law to the runs" };
        var target = new Option<double>("--target-compute") { Description = "budget at which to compare allocations", DefaultValueFactory = _ => 5.76e23 };
        var runBy = new Option<string?>("--run-by") { Description = "curve columns that identify a run, e.g. model,peak_lr" };
        var curveMetric = new Option<string?>("--curve-metric") { Description = "loss column of the curves file" };
        var tolerance = new Option<double>("--budget-tolerance") { Description = "relative tolerance grouping runs into budgets", DefaultValueFactory = _ => IsoFlopAnalysis.DefaultBudgetTolerance };
        var json = new Option<bool>("--json") { Description = $"write JSON (schema {SchemaId})" };
        var data = new DataOptions();
        var command = new Command("approaches", "The three Chinchilla approaches side by side: exponents, allocation at a target budget, and where they disagree")
        {
            runs, curves, fit, target, runBy, curveMetric, tolerance, json,
        };
        data.AddTo(command);
        command.SetAction(parse => BadInputGuard.Run(parse, () =>
        {
                var set = data.Read(parse, parse.GetValue(runs)!);
                DataOptions.Announce(parse, set);
                var isoFlop = IsoFlopAnalysis.Analyse(set.Observations, parse.GetValue(tolerance));
                EnvelopeResult? envelope = null;
                if (parse.GetValue(curves) is { } curveFile)
                {
                    var curveSet = ObservationReader.Read(curveFile.FullName, new ColumnMapping
                    {
                        Metric = parse.GetValue(curveMetric), Require = [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute],
                    });
                    envelope = EnvelopeAnalysis.Analyse(curveSet.Observations, runKey: DataOptions.RunKey(parse.GetValue(runBy)));
                }
                PlanningLaw parametric;
                string source;
                double maxCompute = set.Observations.Max(o => o.Compute.Value);
                if (parse.GetValue(fit) is { } fitFile)
                {
                    parametric = LawSource.FromFitDocument(fitFile.FullName, 0.8);
                    source = fitFile.FullName;
                }
                else
                {
                    var fitted = FittedLaw.Fit(ChinchillaLaw.Instance, set);
                    parametric = PlanningLaw.From(fitted);
                    source = $"Chinchilla law fitted to {set.Count} runs (Huber δ = 1e-3 on log loss, {fitted.Result.Starts} starts, {JsonOutput.Word(fitted.Status)})";
                }
                parametric = parametric with { MaxFittedCompute = parametric.MaxFittedCompute ?? maxCompute };
                var comparison = ApproachComparison.Compare(parse.GetValue(target), envelope, isoFlop, parametric);
                parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(json) ? JsonOutput.ToText(Json(comparison, source)) : Text(comparison, source));
                return 0;
        }));
        return command;
    }

    private static JsonObject Json(ApproachComparison c, string source)
    {
        var rows = new JsonArray();
        foreach (var e in c.Estimates)
        {
            rows.Add(new JsonObject
            {
                ["approach"] = e.Approach, ["a"] = JsonOutput.Number(e.ExponentA), ["b"] = JsonOutput.Number(e.ExponentB),
                ["parameters"] = JsonOutput.Number(e.Parameters), ["tokens"] = JsonOutput.Number(e.Tokens), ["tokensPerParameter"] = JsonOutput.Number(e.TokensPerParameter),
            });
        }
        return new JsonObject
        {
            ["schema"] = SchemaId, ["targetCompute"] = JsonOutput.Number(c.TargetCompute), ["approach3Source"] = source,
            ["approaches"] = rows, ["aSpread"] = JsonOutput.Number(c.ExponentSpread), ["parameterRatio"] = JsonOutput.Number(c.ParameterRatio),
            ["statement"] = c.Statement, ["diagnostics"] = JsonOutput.Diagnostics(c.Diagnostics),
        };
    }

    private static string Text(ApproachComparison c, string source)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"three approaches at C = {PlanFormat.Number(c.TargetCompute)} FLOPs (approach 3: {source})");
        sb.AppendLine($"  {"approach",-28} {"a",7} {"b",7} {"N*",10} {"D*",10} {"D*/N*",8}");
        foreach (var e in c.Estimates)
        {
            sb.AppendLine($"  {e.Approach,-28} {PlanFormat.Number(e.ExponentA),7} {PlanFormat.Number(e.ExponentB),7} {PlanFormat.Number(e.Parameters),10} {PlanFormat.Number(e.Tokens),10} {PlanFormat.Number(e.TokensPerParameter),8}");
        }
        sb.AppendLine($"  {c.Statement}");
        foreach (var d in c.Diagnostics) sb.AppendLine($"  {d}");
        return sb.ToString().TrimEnd();
    }
}
