using System.CommandLine;
using System.Text.Json.Nodes;
using ScaleLab.Data;
using ScaleLab.Design;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Quantities;
using ScaleLab.Serialization;
using Spectre.Console;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// <c>scalelab suggest runs.csv --law chinchilla --candidates pool.csv --target target.csv --budget 3e21</c>:
/// which runs to train next, what they cost, and how much each is expected to shrink the target interval
/// (<see cref="ExperimentDesigner"/>; method in docs/design.md).
/// </summary>
internal static class SuggestCommand
{
    /// <summary>JSON schema identifier of the output.</summary>
    public const string SchemaId = "scalelab.suggest/1";

    /// <summary>JSON schema identifier of the output with <c>--group-by</c>: one <see cref="SchemaId"/> document per group.</summary>
    public const string GroupsSchemaId = "scalelab.suggest-groups/1";

    public static Command Create()
    {
        var file = DataOptions.File("runs", "the runs so far: CSV, TSV, JSON, JSONL or Parquet, columns as for 'fit'");
        var law = new Option<string>("--law") { Description = $"law ({string.Join(", ", LawRegistry.Names)})", DefaultValueFactory = _ => "chinchilla" };
        var data = new DataOptions();
        var candidates = new Option<string?>("--candidates") { Description = "file of candidate runs, columns named like the runs file (an id column is kept)" };
        var grid = new Option<string?>("--grid") { Description = "generate the candidates instead: isoflop (with --budgets) or nxd (with --grid-params and --grid-tokens)" };
        var budgets = new Option<string[]>("--budgets") { Description = "IsoFLOP budgets in FLOPs, e.g. 1e19,3e19,1e20 (nine sizes each, ×1/4 … ×4 around 20 tokens per parameter)", AllowMultipleArgumentsPerToken = true };
        var gridParams = new Option<string[]>("--grid-params") { Description = "N values of an N × D grid", AllowMultipleArgumentsPerToken = true };
        var gridTokens = new Option<string[]>("--grid-tokens") { Description = "D values of an N × D grid", AllowMultipleArgumentsPerToken = true };
        var gridUnique = new Option<string[]>("--grid-unique-tokens") { Description = "U_D values crossed with an N × D grid (data-constrained laws)", AllowMultipleArgumentsPerToken = true };
        var costColumn = new Option<string?>("--cost-column") { Description = "column of the candidate file holding each run's cost" };
        var cost = new Option<string?>("--cost") { Description = "cost as products and powers of N, D, C, U_D and numbers (default 6*N*D)" };
        var target = new Option<string?>("--target") { Description = "file of target points with the law's variables (a metric column is ignored)" };
        var targetCompute = new Option<double?>("--target-compute") { Description = "target compute C in FLOPs: the quantity at the compute-optimal allocation" };
        var quantity = new Option<string>("--quantity") { Description = "with --target-compute: loss, N_opt or D_opt", DefaultValueFactory = _ => "loss" };
        var budget = new Option<double?>("--budget") { Description = "the most the suggested runs may cost together" };
        var k = new Option<int?>("--k") { Description = "the most runs to suggest" };
        var costPower = new Option<double?>("--cost-power") { Description = "score = expected gain / cost^P (default 1, and under --budget the better of 1 and 0)" };
        var objective = new Option<string>("--objective") { Description = "fitting objective, as for 'fit'", DefaultValueFactory = _ => "huber-log" };
        var delta = new Option<double?>("--delta") { Description = "Huber threshold delta (default 1e-3)" };
        var fix = new Option<string[]>("--fix") { Description = "hold a parameter at a value: NAME=VALUE (repeatable)", AllowMultipleArgumentsPerToken = true };
        var starts = new Option<int>("--starts") { Description = "local fits of the basin search", DefaultValueFactory = _ => 24 };
        var noise = new Option<double>("--noise") { Description = "prior noise of a run's ln metric (pooled with the residuals)", DefaultValueFactory = _ => 0.01 };
        var level = new Option<double>("--level") { Description = "level of the target intervals", DefaultValueFactory = _ => 0.8 };
        var seed = new Option<ulong>("--seed") { Description = "seed (the result is fixed by it)", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int?>("--threads") { Description = "worker threads (the result does not depend on it)" };
        var json = new Option<bool>("--json") { Description = $"print JSON (schema {SchemaId}; {GroupsSchemaId} with --group-by)" };
        var command = new Command("suggest", "Which runs to train next: the runs that shrink the target's interval most per unit of cost")
        {
            file, law, candidates, grid, budgets, gridParams, gridTokens, gridUnique, costColumn, cost, target, targetCompute, quantity,
            budget, k, costPower, objective, delta, fix, starts, noise, level, seed, threads, json,
        };
        data.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(BadInputGuard.Run(parse, () =>
        {
            var scalingLaw = LawRegistry.Get(parse.GetValue(law)!);
            if (parse.GetValue(k) is { } runs && runs < 1) throw new ArgumentException($"--k must be at least 1 run, got {runs}");
            if (parse.GetValue(budget) is { } b && !Quantity.IsPositive(b)) throw new ArgumentException($"--budget must be a positive cost, got {Quantity.Format(b)}");
            if (parse.GetValue(budget) is null && parse.GetValue(k) is null) throw new ArgumentException("give --budget COST or --k RUNS");
            if (parse.GetValue(threads) is < 1) throw new ArgumentException("--threads must be >= 1");
            if (parse.GetValue(starts) < 1) throw new ArgumentException("--starts must be >= 1");
            if (parse.GetValue(costColumn) is not null && parse.GetValue(cost) is not null) throw new ArgumentException("give --cost-column or --cost, not both");
            var costExpression = parse.GetValue(cost) is { } text ? Parsed(() => CostExpression.Parse(text), "--cost") : null;
            var options = new DesignOptions
            {
                Budget = parse.GetValue(budget), MaxRuns = parse.GetValue(k), CostPower = parse.GetValue(costPower),
                Objective = FitObjective.Parse(parse.GetValue(objective)!, parse.GetValue(delta)), Fixed = OptionSyntax.Fixed(parse.GetValue(fix)),
                BasinStarts = parse.GetValue(starts), PriorNoise = parse.GetValue(noise), Level = parse.GetValue(level), Seed = parse.GetValue(seed),
                Parallelism = parse.GetValue(threads),
            };
            ExperimentDesigner.FreeIndices(scalingLaw, options.Fixed);
            // Candidates and targets are read like the runs, without a metric and without --drop-highest.
            // --where and --group-by select and split the runs, not the candidates or the target.
            var points = data.Options(parse, scalingLaw.Variables, cancellationToken) with { RequireMetric = false, Where = null, GroupBy = [] };

            // The quantity is checked before any file is read: a misspelt one should not wait for a bad file.
            DesignTarget? computeTarget = null;
            if (parse.GetValue(targetCompute) is { } c)
            {
                if (parse.GetValue(target) is not null) throw new ArgumentException("give --target FILE or --target-compute C, not both");
                computeTarget = new ComputeOptimalTarget(scalingLaw, c, ComputeOptimalTarget.ParseQuantity(parse.GetValue(quantity)!));
            }
            else if (parse.GetValue(target) is null) throw new ArgumentException("give the target: --target FILE or --target-compute C [--quantity loss|N_opt|D_opt]");
            else ComputeOptimalTarget.ParseQuantity(parse.GetValue(quantity)!);

            var runSet = data.Read(parse, parse.GetValue(file)!, scalingLaw.Variables, cancellationToken);
            var (pool, poolSource) = Candidates(parse, scalingLaw, points, candidates, grid, budgets, gridParams, gridTokens, gridUnique, costColumn, costExpression);
            var targetSpec = computeTarget ?? new TargetPoints(ObservationReader.Read(parse.GetValue(target)!, points).Observations, scalingLaw.Variables);
            if (options.Budget is { } limit && pool.MinBy(x => x.Cost) is { } cheapest && cheapest.Cost > limit)
            {
                var reason = $"the cheapest candidate costs {Quantity.Format(cheapest.Cost)}, more than --budget {Quantity.Format(limit)}";
                if (parse.GetValue(candidates) is not null) throw new InputDataException(poolSource, cheapest.Row + 1, parse.GetValue(costColumn), reason);
                throw new ArgumentException($"{poolSource} ({cheapest.Id}): {reason}");
            }

            var console = parse.GetValue(json) ? null : Terminal.For(parse);
            if (data.Grouped(parse))
            {
                // One design per group: each group's runs fitted and extended apart, over the same candidates and target.
                var outcomes = RowGroups.Run(runSet.Groups(), g => RowGroups.TooFew(g, ExperimentDesigner.FreeIndices(scalingLaw, options.Fixed).Length + 1, "a fit of the law"),
                    (g, _) => ExperimentDesigner.Suggest(new DesignProblem(scalingLaw, g.Data.Observations, pool, targetSpec), options, null, cancellationToken), cancellationToken);
                if (console is null)
                {
                    parse.InvocationConfiguration.Output.WriteLine(JsonOutput.ToText(GroupedDocument.ToJson(GroupsSchemaId, runSet, outcomes,
                        r => Json(scalingLaw, outcomes.First(o => ReferenceEquals(o.Result, r)).Group.Data, poolSource, pool.Count, targetSpec, options, r))));
                }
                else
                {
                    foreach (var o in outcomes)
                    {
                        console.WriteLine();
                        console.WriteLine($"== {o.Group.Name} ({o.Group.Data.Count} runs) ==");
                        if (o.Result is { } r) Write(console, scalingLaw, r, options);
                        else console.WriteLine($"skipped: {o.Skipped}");
                    }
                }
                return outcomes.All(o => o.Result is null) || outcomes.Any(o => o.Result?.Status == DesignStatus.Failed) ? 1 : 0;
            }
            var problem = new DesignProblem(scalingLaw, runSet.Observations, pool, targetSpec);
            var result = console is null
                ? ExperimentDesigner.Suggest(problem, options, null, cancellationToken)
                : Terminal.WithProgress(console, "scoring candidates", progress => ExperimentDesigner.Suggest(problem, options, progress, cancellationToken));
            var document = Json(scalingLaw, runSet, poolSource, pool.Count, targetSpec, options, result);
            if (console is null) parse.InvocationConfiguration.Output.WriteLine(JsonOutput.ToText(document));
            else Write(console, scalingLaw, result, options);
            return result.Status == DesignStatus.Failed ? 1 : 0;
        })));
        return command;
    }

    private static (IReadOnlyList<DesignCandidate> Pool, string Source) Candidates(ParseResult parse, ScalingLaw law, ReadOptions reading,
        Option<string?> candidates, Option<string?> grid, Option<string[]> budgets, Option<string[]> gridParams, Option<string[]> gridTokens,
        Option<string[]> gridUnique, Option<string?> costColumn, CostExpression? cost)
    {
        if (parse.GetValue(candidates) is { } path)
        {
            if (parse.GetValue(grid) is not null) throw new ArgumentException("give --candidates FILE or --grid, not both");
            var points = ObservationReader.Read(path, reading);
            return (CandidatePool.FromPoints(points, cost, parse.GetValue(costColumn)), points.Source);
        }
        if (parse.GetValue(costColumn) is not null) throw new ArgumentException("--cost-column needs --candidates FILE (a generated grid has no columns)");
        switch (parse.GetValue(grid)?.Trim().ToLowerInvariant())
        {
            case "isoflop":
                var b = OptionSyntax.Numbers(parse.GetValue(budgets), "--budgets");
                if (b.Length == 0) throw new ArgumentException("--grid isoflop needs --budgets, e.g. 1e19,3e19,1e20");
                return (Parsed(() => CandidatePool.IsoFlopGrid(b, cost: cost), "--budgets"), $"grid isoflop {string.Join(",", b.Select(v => Quantity.Format(v)))}");
            case "nxd":
                var n = OptionSyntax.Numbers(parse.GetValue(gridParams), "--grid-params");
                var d = OptionSyntax.Numbers(parse.GetValue(gridTokens), "--grid-tokens");
                var u = OptionSyntax.Numbers(parse.GetValue(gridUnique), "--grid-unique-tokens");
                if (n.Length == 0 || d.Length == 0) throw new ArgumentException("--grid nxd needs --grid-params and --grid-tokens");
                if (law.Variables.Contains(ScaleVariable.UniqueTokens) && u.Length == 0) u = d;
                return (Parsed(() => CandidatePool.ParameterTokenGrid(n, d, u.Length > 0 ? u : null, cost), "--grid"), $"grid {n.Length}×{d.Length}");
            case null:
                throw new ArgumentException("give the candidates: --candidates FILE, or --grid isoflop --budgets LIST, or --grid nxd --grid-params LIST --grid-tokens LIST");
            default:
                throw new ArgumentException($"--grid: unknown grid '{parse.GetValue(grid)}' (use isoflop or nxd)");
        }
    }

    private static T Parsed<T>(Func<T> parse, string option)
    {
        try { return parse(); }
        catch (ArgumentException e) when (!e.Message.StartsWith("--", StringComparison.Ordinal)) { throw new ArgumentException($"{option}: {e.Message}"); }
    }

    /// <summary>The variables shown for a run: those the law reads, and C when the law reads N and D.</summary>
    private static IEnumerable<ScaleVariable> Shown(ScalingLaw law)
    {
        foreach (var v in law.Variables) yield return v;
        if (law.Variables.Contains(ScaleVariable.Parameters) && law.Variables.Contains(ScaleVariable.Tokens) && !law.Variables.Contains(ScaleVariable.Compute)) yield return ScaleVariable.Compute;
    }

    private static JsonObject Variables(IEnumerable<(ScaleVariable Variable, double Value)> values)
    {
        var result = new JsonObject();
        foreach (var (v, x) in values) result[FitDocument.VariableName(v)] = JsonOutput.Number(x);
        return result;
    }

    private static JsonObject Bounds((double Lower, double Upper) b) => new() { ["lower"] = JsonOutput.Number(b.Lower), ["upper"] = JsonOutput.Number(b.Upper) };

    private static JsonObject Json(ScalingLaw law, ObservationSet runs, string pool, int poolCount, DesignTarget target, DesignOptions options, DesignResult result)
    {
        var shown = Shown(law).ToArray();
        var selected = new JsonArray();
        foreach (var s in result.Selected)
        {
            selected.Add(new JsonObject
            {
                ["row"] = s.Candidate.Row, ["id"] = s.Candidate.Id,
                ["variables"] = Variables(shown.Select(v => (v, s.Candidate.Point.Get(v)))),
                ["cost"] = s.Candidate.Cost, ["expectedGain"] = JsonOutput.Number(s.ExpectedGain),
                ["intervalShrinkage"] = JsonOutput.Number(s.IntervalShrinkage),
                ["separates"] = new JsonArray(s.Separates.Select(i => (JsonNode)i).ToArray()),
                ["reason"] = JsonOutput.Word(s.Reason),
            });
        }
        JsonObject? interval = null;
        if (result.Interval is { } ti)
        {
            interval = new JsonObject
            {
                ["quantity"] = ti.Quantity, ["level"] = ti.Level,
                ["rmsLogSd"] = JsonOutput.Number(ti.RmsLogStandardDeviation), ["rmsLogSdAfter"] = JsonOutput.Number(ti.RmsLogStandardDeviationAfter),
            };
            if (ti.Points.Count == 1)
            {
                interval["estimate"] = JsonOutput.Number(ti.Points[0].Estimate);
                interval["lower"] = JsonOutput.Number(ti.Points[0].After.Lower);
                interval["upper"] = JsonOutput.Number(ti.Points[0].After.Upper);
            }
            interval["points"] = new JsonArray(ti.Points.Select(p => (JsonNode)new JsonObject
            {
                ["variables"] = Variables(p.Variables), ["estimate"] = JsonOutput.Number(p.Estimate),
                ["logSd"] = JsonOutput.Number(p.LogStandardDeviation), ["logSdAfter"] = JsonOutput.Number(p.LogStandardDeviationAfter),
                ["before"] = Bounds(p.Before), ["after"] = Bounds(p.After),
            }).ToArray());
        }
        return new JsonObject
        {
            ["schema"] = SchemaId, ["law"] = law.Name, ["status"] = JsonOutput.Word(result.Status),
            ["runs"] = runs.Source, ["runCount"] = runs.Count, ["candidates"] = pool, ["candidateCount"] = poolCount,
            ["target"] = target.Quantity, ["budget"] = options.Budget, ["k"] = options.MaxRuns,
            ["costPower"] = result.CostPower, ["objective"] = options.Objective.Name, ["seed"] = options.Seed, ["freeParameters"] = result.FreeParameters,
            ["selected"] = selected, ["spent"] = result.Spent, ["expectedTargetInterval"] = interval,
            ["noiseSd"] = JsonOutput.Number(result.NoiseStandardDeviation),
            ["basins"] = new JsonArray(result.Basins.Select(b => (JsonNode)new JsonObject
            {
                ["index"] = b.Index, ["weight"] = b.Weight, ["objective"] = b.Objective, ["starts"] = b.Starts,
                ["parameters"] = JsonOutput.Numbers(b.Parameters),
                ["targetEstimates"] = new JsonArray(b.TargetEstimates.Select(v => (JsonNode?)JsonOutput.Number(v)).ToArray()),
            }).ToArray()),
            ["diagnostics"] = JsonOutput.Diagnostics(result.Diagnostics),
        };
    }

    private static void Write(IAnsiConsole console, ScalingLaw law, DesignResult result, DesignOptions options)
    {
        var shown = Shown(law).ToArray();
        console.WriteLine($"Law: {law.Name}; {result.Basins.Count} basin(s); noise sd {Quantity.Format(result.NoiseStandardDeviation, 3)}; cost power {Quantity.Format(result.CostPower, 4)}");
        var table = new Table().Border(Terminal.Border(console));
        foreach (var header in new[] { "#", "row", "id" }.Concat(shown.Select(v => v == ScaleVariable.UniqueTokens ? "U_D" : v.Symbol))
            .Concat(["cost", "expected gain", "interval shrinks", "separates", "why"]))
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        }
        int i = 0;
        foreach (var s in result.Selected)
        {
            var cells = new List<string> { (++i).ToString(System.Globalization.CultureInfo.InvariantCulture), s.Candidate.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(s.Candidate.Id ?? "") };
            cells.AddRange(shown.Select(v => Quantity.Format(s.Candidate.Point.Get(v))));
            cells.Add(Quantity.Format(s.Candidate.Cost));
            cells.Add(Quantity.Format(s.ExpectedGain, 3));
            cells.Add(double.IsFinite(s.IntervalShrinkage) ? Quantity.Fixed(100 * s.IntervalShrinkage, 1) + " %" : "-");
            cells.Add(s.Separates.Count == 0 ? "" : string.Join(" ", s.Separates));
            cells.Add(s.Reason == SuggestionReason.Fill ? "fill" : "score");
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        var budgetText = options.Budget is { } b ? $" of a budget of {Quantity.Format(b)}" : "";
        console.WriteLine($"{result.Selected.Count} run(s), spent {Quantity.Format(result.Spent)}{budgetText}");
        if (result.Interval is { } ti)
        {
            var level = Quantity.Format(100 * ti.Level, 3);
            foreach (var p in ti.Points.Take(10))
            {
                var at = string.Join(", ", p.Variables.Select(v => $"{FitDocument.VariableName(v.Variable)} {Quantity.Format(v.Value)}"));
                console.WriteLine($"  {ti.Quantity} at {at}: {Quantity.Format(p.Estimate)}, {level} % interval [{Quantity.Format(p.Before.Lower)}, {Quantity.Format(p.Before.Upper)}] now, expected [{Quantity.Format(p.After.Lower)}, {Quantity.Format(p.After.Upper)}] after");
            }
            if (ti.Points.Count > 10) console.WriteLine($"  … and {ti.Points.Count - 10} more target points (--json lists them all)");
            console.WriteLine($"  RMS log sd over the target: {Quantity.Format(ti.RmsLogStandardDeviation, 3)} now, {Quantity.Format(ti.RmsLogStandardDeviationAfter, 3)} expected after");
        }
        foreach (var basin in result.Basins)
        {
            var values = string.Join(", ", basin.Parameters.Select(kv => $"{kv.Key}={Quantity.Format(kv.Value)}"));
            console.WriteLine($"  basin {basin.Index}: weight {Quantity.Fixed(basin.Weight, 3)}, objective {Quantity.Format(basin.Objective, 4)}, {values}");
        }
        foreach (var d in result.Diagnostics) console.WriteLine($"  {d}");
    }
}
