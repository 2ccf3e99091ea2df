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

    /// <summary>JSON schema identifier of the output with <c>--group-by</c>: one <see cref="SchemaId"/> document per group.</summary>
    public const string GroupsSchemaId = "scalelab.approaches-groups/1";

    private static readonly string[] ApproachNames = ["approach 1", "approach 2", "approach 3"];

    // One comparison and where its approach 3 came from.
    private sealed record Compared(ApproachComparison Comparison, string Source);

    public static Command Create()
    {
        var runs = DataOptions.File("runs", "final runs at several budgets (approach 2; approach 3 is fitted on them unless --fit is given)");
        var curves = new Argument<FileInfo?>("curves") { Description = "per-checkpoint training curves (approach 1)", Arity = ArgumentArity.ZeroOrOne };
        var fit = new Option<FileInfo?>("--fit") { Description = "fit document for approach 3 instead of fitting the Chinchilla law to the runs" };
        var target = new Option<double>("--target-compute") { Description = "budget at which to compare allocations", DefaultValueFactory = _ => 5.76e23 };
        var runBy = new Option<string?>("--run-by") { Description = "curve columns that identify a run, e.g. model,peak_lr" };
        var curveMetric = new Option<string?>("--curve-metric") { Description = "loss column of the curves file" };
        var tolerance = new Option<double>("--budget-tolerance") { Description = "relative tolerance grouping runs into budgets", DefaultValueFactory = _ => IsoFlopAnalysis.DefaultBudgetTolerance };
        var json = new Option<bool>("--json") { Description = $"write JSON (schema {SchemaId}; {GroupsSchemaId} with --group-by)" };
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
                bool grouped = data.Grouped(parse);
                if (grouped && parse.GetValue(fit) is not null) throw new ArgumentException("--fit with --group-by: approach 3 is fitted to each group's runs, so give no --fit");
                ObservationSet? curveSet = null;
                if (parse.GetValue(curves) is { } curveFile)
                {
                    // The curves are selected and grouped as the runs are, so that each group compares its own three approaches.
                    curveSet = ObservationReader.Read(curveFile.FullName, new ReadOptions
                    {
                        Mapping = new ColumnMapping { Metric = parse.GetValue(curveMetric), Require = [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute] },
                        Where = data.Predicate(parse), GroupBy = data.GroupColumns(parse),
                    });
                }
                Compared Analyse(ObservationSet rows, ObservationSet? curveRows)
                {
                    var isoFlop = IsoFlopAnalysis.Analyse(rows.Observations, parse.GetValue(tolerance));
                    var envelope = curveRows is null ? null : EnvelopeAnalysis.Analyse(curveRows.Observations, runKey: DataOptions.RunKey(parse.GetValue(runBy)));
                    PlanningLaw parametric;
                    string source;
                    double maxCompute = rows.Observations.Max(o => o.Compute.Value);
                    if (parse.GetValue(fit) is { } fitFile)
                    {
                        parametric = LawSource.FromFitDocument(fitFile.FullName, 0.8);
                        source = fitFile.FullName;
                    }
                    else
                    {
                        var fitted = FittedLaw.Fit(ChinchillaLaw.Instance, rows);
                        parametric = PlanningLaw.From(fitted);
                        source = $"Chinchilla law fitted to {rows.Count} runs (Huber δ = 1e-3 on log loss, {fitted.Result.Starts} starts, {JsonOutput.Word(fitted.Status)})";
                    }
                    parametric = parametric with { MaxFittedCompute = parametric.MaxFittedCompute ?? maxCompute };
                    return new Compared(ApproachComparison.Compare(parse.GetValue(target), envelope, isoFlop, parametric), source);
                }
                bool asJson = parse.GetValue(json);
                if (grouped)
                {
                    var curveGroups = curveSet?.Groups().ToDictionary(g => g.Name, StringComparer.Ordinal);
                    var shown = curveSet is null ? ApproachNames[1..] : ApproachNames;
                    return new GroupedOutput<Compared>
                    {
                        SchemaId = GroupsSchemaId, TooSmall = g => RowGroups.TooFew(g, 6, "a fit of the Chinchilla law"),
                        Analyse = g => Analyse(g.Data, curveGroups is not null && curveGroups.TryGetValue(g.Name, out var c) ? c.Data : null),
                        Json = c => Json(c.Comparison, c.Source), Text = c => Text(c.Comparison, c.Source),
                        Columns = [.. shown.Select(a => $"a ({a})"), "a spread"],
                        Cells = c => [.. shown.Select(a => c.Comparison.Estimates.FirstOrDefault(e => e.Approach.StartsWith(a, StringComparison.Ordinal)) is { } e ? PlanFormat.Number(e.ExponentA) : "–"),
                            PlanFormat.Number(c.Comparison.ExponentSpread)],
                    }.Run(parse, set, asJson);
                }
                var compared = Analyse(set, curveSet);
                parse.InvocationConfiguration.Output.WriteLine(asJson ? JsonOutput.ToText(Json(compared.Comparison, compared.Source)) : Text(compared.Comparison, compared.Source));
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
