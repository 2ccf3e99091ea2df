using System.CommandLine;
using System.Globalization;
using System.Text.Json;
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
/// <c>scalelab simulate-design</c>: sequential selection on studies simulated from known laws — random,
/// cheapest-first, cost-weighted random, D-optimal, V-optimal and ScaleLab's selection — scored by the
/// target-region R² and RMSLE at fractions of the pool's total cost (<see cref="DesignSimulation"/>).
/// With <c>--checkpoint FILE</c> finished tasks are saved as they end, and a rerun with the same settings
/// resumes from them.
/// </summary>
internal static class SimulateDesignCommand
{
    /// <summary>JSON schema identifier of the output.</summary>
    public const string SchemaId = "scalelab.simulate-design/1";

    private const string CheckpointSchema = "scalelab.simulate-design-checkpoint/1";

    public static Command Create()
    {
        var law = new Option<string?>("--law") { Description = "law of the simulated study (default: the four built-in studies)" };
        var truth = new Option<string?>("--truth") { Description = "its true parameters, NAME=VALUE,… (default: the built-in values for chinchilla, data-constrained and bnsl)" };
        var pool = new Option<string?>("--pool") { Description = "pool shape: isoflop (laws of N and D) or grid (default: isoflop where possible)" };
        var objective = new Option<string?>("--objective") { Description = "fitting objective (default: the law's: squared-log for BNSL, else huber-log)" };
        var noise = new Option<double>("--noise") { Description = "standard deviation of a run's ln L about the truth", DefaultValueFactory = _ => 0.01 };
        var fractions = new Option<string[]>("--budget-fraction") { Description = "budgets as fractions of the pool's total cost", AllowMultipleArgumentsPerToken = true };
        var replicates = new Option<int>("--replicates") { Description = "simulated data sets per study", DefaultValueFactory = _ => 20 };
        var seed = new Option<ulong>("--seed") { Description = "seed (the result is fixed by it)", DefaultValueFactory = _ => 1UL };
        var starts = new Option<int>("--starts") { Description = "grid starts of the basin search at each step", DefaultValueFactory = _ => 8 };
        var threads = new Option<int?>("--threads") { Description = "worker threads (the result does not depend on it)" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "save finished tasks to this file and resume from it" };
        var json = new Option<bool>("--json") { Description = $"print JSON (schema {SchemaId})" };
        var command = new Command("simulate-design", "Compare run-selection strategies on studies simulated from known laws")
        {
            law, truth, pool, objective, noise, fractions, replicates, seed, starts, threads, checkpoint, json,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(BadInputGuard.Run(parse, () =>
        {
            if (parse.GetValue(replicates) < 1) throw new ArgumentException($"--replicates must be at least 1, got {parse.GetValue(replicates)}");
            if (parse.GetValue(starts) < 1) throw new ArgumentException("--starts must be >= 1");
            if (parse.GetValue(threads) is < 1) throw new ArgumentException("--threads must be >= 1");
            double sigma = parse.GetValue(noise);
            if (!(sigma >= 0) || !double.IsFinite(sigma)) throw new ArgumentException($"--noise must be a finite number >= 0, got {sigma.ToString(CultureInfo.InvariantCulture)}");
            var f = OptionSyntax.Numbers(parse.GetValue(fractions), "--budget-fraction");
            if (f.Length == 0) f = [0.01, 0.05, 0.1];
            if (f.Any(x => !(x > 0 && x <= 1))) throw new ArgumentException("--budget-fraction values must be in (0, 1], e.g. 0.01,0.05,0.1");
            IReadOnlyList<DesignScenario> scenarios;
            if (parse.GetValue(law) is { } name)
            {
                var scalingLaw = LawRegistry.Get(name);
                var values = parse.GetValue(truth) is { } text ? OptionSyntax.Assignments([text], "--truth", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28") : DesignScenarios.DefaultTruth(scalingLaw)
                    ?? throw new ArgumentException($"--truth is needed for law '{scalingLaw.Name}' (no built-in values), e.g. --truth a=1.5,b=40,...");
                try { scalingLaw.FromNamed(values); }
                catch (ArgumentException e) { throw new ArgumentException($"--truth: {e.Message}"); }
                bool nd = scalingLaw.Variables.Contains(ScaleVariable.Parameters) && scalingLaw.Variables.Contains(ScaleVariable.Tokens) && !scalingLaw.Variables.Contains(ScaleVariable.UniqueTokens);
                var shape = parse.GetValue(pool) ?? (nd ? "isoflop" : "grid");
                var fit = parse.GetValue(objective) is { } o ? FitObjective.Parse(o) : null;
                scenarios = [DesignScenarios.For(scalingLaw, values, shape, sigma, fit)];
            }
            else
            {
                if (parse.GetValue(truth) is not null || parse.GetValue(pool) is not null || parse.GetValue(objective) is not null)
                {
                    throw new ArgumentException("--truth, --pool and --objective need --law");
                }
                scenarios = DesignScenarios.All(sigma);
            }
            var options = new DesignSimulationOptions
            {
                Scenarios = scenarios, Fractions = f, Replicates = parse.GetValue(replicates), Seed = parse.GetValue(seed),
                BasinStarts = parse.GetValue(starts), Parallelism = parse.GetValue(threads),
            };
            var store = parse.GetValue(checkpoint) is { } path ? new Checkpoint(path, Fingerprint(options, sigma)) : null;
            var console = parse.GetValue(json) ? null : Terminal.For(parse);
            var result = console is null
                ? DesignSimulation.Run(options, store?.Finished, store is null ? null : store.Add, null, cancellationToken)
                : Terminal.WithProgress(console, "simulating studies", progress => DesignSimulation.Run(options, store?.Finished, store is null ? null : store.Add, progress, cancellationToken));
            if (console is null) parse.InvocationConfiguration.Output.WriteLine(JsonOutput.ToText(Json(options, sigma, result)));
            else Write(console, options, result);
            return 0;
        })));
        return command;
    }

    /// <summary>JSON name of a strategy.</summary>
    public static string Name(SelectionStrategy strategy) => strategy switch
    {
        SelectionStrategy.Random => "random",
        SelectionStrategy.CheapestFirst => "cheapest-first",
        SelectionStrategy.CostWeightedRandom => "cost-weighted-random",
        SelectionStrategy.DOptimal => "d-optimal",
        SelectionStrategy.VOptimal => "v-optimal",
        _ => "scalelab",
    };

    private static JsonObject Fingerprint(DesignSimulationOptions options, double noise) => new()
    {
        ["schema"] = CheckpointSchema, ["seed"] = options.Seed, ["noise"] = noise, ["starts"] = options.BasinStarts, ["samples"] = options.OutcomeSamples,
        ["scenarios"] = new JsonArray(options.Scenarios.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name, ["objective"] = s.Objective.ToString(),
            ["truth"] = new JsonObject(s.Truth.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        }).ToArray()),
    };

    private static JsonObject Json(DesignSimulationOptions options, double noise, DesignSimulationResult result)
    {
        static JsonObject Stat(double mean, double sd) => new() { ["mean"] = JsonOutput.Number(mean), ["sd"] = JsonOutput.Number(sd) };
        var wins = new JsonArray();
        foreach (var s in options.Scenarios)
        foreach (var f in options.Fractions)
        {
            wins.Add(new JsonObject { ["scenario"] = s.Name, ["fraction"] = f, ["wins"] = result.ScaleLabWins(s.Name, f) });
        }
        return new JsonObject
        {
            ["schema"] = SchemaId, ["seed"] = options.Seed, ["replicates"] = options.Replicates, ["noise"] = noise,
            ["fractions"] = new JsonArray(options.Fractions.Select(x => (JsonNode)x).ToArray()),
            ["scenarios"] = new JsonArray(options.Scenarios.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name, ["law"] = s.Law.Name, ["objective"] = s.Objective.Name, ["poolSize"] = s.Pool.Count, ["targetSize"] = s.TargetIndices.Count,
                ["totalCost"] = s.TotalCost,
                ["truth"] = new JsonObject(s.Truth.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            }).ToArray()),
            ["scores"] = new JsonArray(result.Scores.Select(s => (JsonNode)new JsonObject
            {
                ["scenario"] = s.Scenario, ["fraction"] = s.Fraction, ["strategy"] = Name(s.Strategy), ["replicates"] = s.Replicates,
                ["rSquared"] = Stat(s.MeanRSquared, s.SdRSquared), ["rmsle"] = Stat(s.MeanRmsle, s.SdRmsle),
                ["runs"] = s.MeanRuns, ["spent"] = s.MeanSpent,
            }).ToArray()),
            ["scaleLabWins"] = wins,
        };
    }

    private static void Write(IAnsiConsole console, DesignSimulationOptions options, DesignSimulationResult result)
    {
        console.WriteLine($"{options.Replicates} replicates per study, seed {options.Seed}; target = the pool's most expensive tenth; mean ± s.d.");
        foreach (var scenario in options.Scenarios)
        {
            var table = new Table().Border(Terminal.Border(console)).Title(Markup.Escape($"{scenario.Name} ({scenario.Pool.Count} runs, noise {Quantity.Format(scenario.Noise, 4)} on ln L)"));
            table.AddColumn("strategy");
            foreach (var f in options.Fractions)
            {
                var at = Quantity.Format(100 * f, 3) + " %";
                table.AddColumn(new TableColumn($"R² at {at}").RightAligned());
                table.AddColumn(new TableColumn($"RMSLE at {at}").RightAligned());
                table.AddColumn(new TableColumn($"runs at {at}").RightAligned());
            }
            foreach (var strategy in options.Strategies)
            {
                var cells = new List<string> { Name(strategy) };
                foreach (var f in options.Fractions)
                {
                    var s = result.Scores.Single(x => x.Scenario == scenario.Name && x.Fraction == f && x.Strategy == strategy);
                    cells.Add($"{Quantity.Fixed(s.MeanRSquared, 3)} ± {Quantity.Fixed(s.SdRSquared, 3)}");
                    cells.Add($"{Quantity.Fixed(s.MeanRmsle, 4)} ± {Quantity.Fixed(s.SdRmsle, 4)}");
                    cells.Add(Quantity.Fixed(s.MeanRuns, 1));
                }
                table.AddRow(cells.ToArray());
            }
            console.Write(table);
            var verdicts = options.Fractions.Select(f => $"{Quantity.Format(100 * f, 3)} %: {(result.ScaleLabWins(scenario.Name, f) ? "yes" : "no")}");
            console.WriteLine($"  ScaleLab beats every baseline on average (lower RMSLE and higher R²) — {string.Join(", ", verdicts)}");
        }
    }

    /// <summary>
    /// Finished tasks kept in a JSON file: the settings that produced them and one entry per task. Rewritten whole
    /// (temp file + rename) after every task, so an interruption never leaves half a file; a file written with other
    /// settings is refused rather than mixed in.
    /// </summary>
    private sealed class Checkpoint
    {
        private readonly string _path;
        private readonly JsonObject _settings;
        private readonly List<DesignReplicate> _done = [];
        private readonly Lock _gate = new();

        public Checkpoint(string path, JsonObject settings)
        {
            _path = path;
            _settings = settings;
            if (!File.Exists(path)) return;
            JsonNode? root;
            try { root = JsonNode.Parse(File.ReadAllText(path)); }
            catch (JsonException e) { throw new InputDataException(path, null, null, $"not a checkpoint of simulate-design: {e.Message}"); }
            if (root?["settings"]?.ToJsonString() != settings.ToJsonString())
            {
                throw new InputDataException(path, null, "settings", "the checkpoint was written with other settings (seed, noise, starts or studies); use another file or the same settings");
            }
            int row = 0;
            foreach (var node in root["tasks"]?.AsArray() ?? [])
            {
                row++;
                try
                {
                    var strategy = Enum.GetValues<SelectionStrategy>().Single(g => Name(g) == node!["strategy"]!.GetValue<string>());
                    _done.Add(new DesignReplicate(node!["scenario"]!.GetValue<string>(), node["replicate"]!.GetValue<int>(), node["fraction"]!.GetValue<double>(), strategy,
                        Read(node["rSquared"]), Read(node["rmsle"]), node["runs"]!.GetValue<int>(), node["spent"]!.GetValue<double>()));
                }
                catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException)
                {
                    throw new InputDataException(path, row, null, "a task entry is incomplete or malformed");
                }
            }
        }

        public IReadOnlyList<DesignReplicate> Finished => _done;

        public void Add(DesignReplicate task)
        {
            lock (_gate)
            {
                _done.Add(task);
                var root = new JsonObject
                {
                    ["settings"] = _settings.DeepClone(),
                    ["tasks"] = new JsonArray(_done.Select(d => (JsonNode)new JsonObject
                    {
                        ["scenario"] = d.Scenario, ["replicate"] = d.Replicate, ["fraction"] = d.Fraction, ["strategy"] = Name(d.Strategy),
                        ["rSquared"] = JsonOutput.Number(d.RSquared), ["rmsle"] = JsonOutput.Number(d.Rmsle), ["runs"] = d.Runs, ["spent"] = d.Spent,
                    }).ToArray()),
                };
                ScaleLab.IO.AtomicFile.WriteAllText(_path, root.ToJsonString());
            }
        }

        // Scores that are not finite are saved as their names ("NaN"), as every JSON output writes them.
        private static double Read(JsonNode? node) => node is null ? double.NaN
            : node.GetValueKind() == JsonValueKind.String ? double.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture) : node.GetValue<double>();
    }
}
