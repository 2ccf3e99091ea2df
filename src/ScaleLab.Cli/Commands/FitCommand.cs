using System.CommandLine;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Quantities;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab fit FILE --law NAME</c>: fit a law to runs and print, print as JSON or save the fit.</summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "CSV, TSV, JSON or JSONL file: one row per trained model (or checkpoint); or give --store and --sweep", Arity = ArgumentArity.ZeroOrOne };
        var store = new Option<string?>("--store") { Description = "with --sweep: " + StoreOption.Help + $" (default {ScaleLab.Store.RunStore.DefaultPath})" };
        var sweep = new Option<string?>("--sweep") { Description = "fit the finished runs of this sweep in --store instead of a data file" };
        var law = new Option<string>("--law") { Description = $"law to fit ({string.Join(", ", LawRegistry.Names)})", DefaultValueFactory = _ => "chinchilla" };
        var parameters = new Option<string?>("--params") { Description = "column of the parameter count N (default: N, params, n_params, Model Size, …)" };
        var tokens = new Option<string?>("--tokens") { Description = "column of the training tokens D (default: D, tokens, training_tokens, …)" };
        var compute = new Option<string?>("--compute") { Description = "column of the training FLOPs C (default: C, flops, compute, budget, …)" };
        var metric = new Option<string?>("--metric") { Description = "column of the metric (default: loss, val_loss, validation_loss, …)" };
        var uniqueTokens = new Option<string?>("--unique-tokens") { Description = "column of the unique training tokens U_D (default: unique_tokens, U_D)" };
        var columns = new Option<string[]>("--column")
        {
            Description = "name the column of any role: KEY=COLUMN with KEY params, tokens, compute, metric, unique-tokens, non-embedding-params, active-params, run, group, step or seed (repeatable)",
        };
        var objective = new Option<string>("--objective")
        {
            Description = "huber-log, huber-linear, huber-log1p, squared-log, squared-linear, squared-log1p, asymmetric-linear or asymmetric-log",
            DefaultValueFactory = _ => "huber-log",
        };
        var delta = new Option<double?>("--delta") { Description = "Huber threshold delta (default 1e-3)" };
        var negativeWeight = new Option<double?>("--negative-weight") { Description = "weight of negative residuals for the asymmetric loss (default 10)" };
        var fix = new Option<string[]>("--fix") { Description = "hold a parameter at a value: NAME=VALUE (repeatable)", AllowMultipleArgumentsPerToken = true };
        var tie = new Option<string[]>("--tie") { Description = "constrain parameters equal: NAME=NAME (repeatable)", AllowMultipleArgumentsPerToken = true };
        var bound = new Option<string[]>("--bound") { Description = "bound a parameter: NAME=LO:HI (repeatable; an empty end is open)", AllowMultipleArgumentsPerToken = true };
        var starts = new Option<int?>("--starts") { Description = "use only the first K starts of the law's grid" };
        var threads = new Option<int?>("--threads") { Description = "worker threads (default: one per core; the result does not depend on it)" };
        var dropHighest = new Option<int>("--drop-highest") { Description = "drop the K rows of highest metric before fitting", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = $"print the fit as JSON (schema {FitDocument.SchemaId})" };
        var output = new Option<string?>("--out") { Description = "also save the fit as JSON to this file" };
        var command = new Command("fit", "Fit a scaling law to training runs")
        {
            file, store, sweep, law, parameters, tokens, compute, metric, uniqueTokens, columns, objective, delta, negativeWeight, fix, tie, bound, starts, threads, dropHighest, json, output,
        };
        UncertaintyOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(BadInputGuard.Run(parse, () =>
        {
            var scalingLaw = LawRegistry.Get(parse.GetValue(law)!);
            var fitObjective = FitObjective.Parse(parse.GetValue(objective)!, parse.GetValue(delta), parse.GetValue(negativeWeight));
            int drop = parse.GetValue(dropHighest);
            if (drop < 0) throw new ArgumentException($"--drop-highest must be >= 0, got {drop}");
            if (parse.GetValue(starts) is < 1) throw new ArgumentException("--starts must be >= 1");
            if (parse.GetValue(threads) is < 1) throw new ArgumentException("--threads must be >= 1");
            var options = new FitOptions
            {
                Objective = fitObjective,
                Fixed = OptionSyntax.Fixed(parse.GetValue(fix)),
                Ties = OptionSyntax.Ties(parse.GetValue(tie)),
                Bounds = OptionSyntax.Bounds(parse.GetValue(bound)),
                MaxStarts = parse.GetValue(starts),
                Parallelism = parse.GetValue(threads),
            };
            // Validates --fix/--tie/--bound against the law before any data are read.
            ParameterMap.Create(scalingLaw, options.Fixed, options.Ties, options.Bounds);

            var mapping = OptionSyntax.Columns(new ColumnMapping
            {
                Parameters = parse.GetValue(parameters),
                Tokens = parse.GetValue(tokens),
                Compute = parse.GetValue(compute),
                Metric = parse.GetValue(metric),
                UniqueTokens = parse.GetValue(uniqueTokens),
                Require = scalingLaw.Variables,
            }, parse.GetValue(columns));
            var dataFile = parse.GetValue(file);
            var sweepName = parse.GetValue(sweep);
            if ((dataFile is null) == (sweepName is null)) throw new ArgumentException("give a data FILE, or --store DB --sweep NAME");
            if (sweepName is null && parse.GetValue(store) is not null) throw new ArgumentException("--store needs --sweep NAME");
            ObservationSet data;
            if (sweepName is not null)
            {
                if (new[] { parameters, tokens, compute, uniqueTokens }.Any(o => parse.GetValue(o) is not null) || parse.GetValue(columns) is { Length: > 0 })
                {
                    throw new ArgumentException("--params, --tokens, --compute, --unique-tokens and --column name columns of a data FILE, not of --sweep");
                }
                var stored = Sweeps.SweepData.Read(parse.GetValue(store) ?? ScaleLab.Store.RunStore.DefaultPath, sweepName, parse.GetValue(metric), parse.InvocationConfiguration.Error);
                if (stored is null) return Program.BadInput;
                data = stored;
            }
            else
            {
                data = ObservationReader.Read(dataFile!, mapping);
            }
            if (drop >= data.Count) throw new ArgumentException($"--drop-highest {drop} would leave no rows of {data.Count}");
            data = data.DropHighest(drop);
            // Log residuals need y > 0 and log1p residuals y > -1; linear residuals take any finite metric.
            double floor = fitObjective.Space switch { ResidualSpace.Log => 0, ResidualSpace.Log1p => -1, _ => double.NegativeInfinity };
            if (data.Observations.FirstOrDefault(o => o.Metric <= floor) is { } bad)
            {
                throw new InputDataException(data.Source, bad.Row, data.MetricName,
                    $"{Quantity.Format(bad.Metric)} is not above {Quantity.Format(floor)}, but the {fitObjective.Name} objective takes the log of {(floor == 0 ? "the metric" : "1 + the metric")}; use a -linear objective for such metrics");
            }

            // Spectre.Console is loaded only for the table; --json does without it.
            var console = parse.GetValue(json) ? null : Terminal.For(parse);
            var points = ScalingData.From(data);
            var result = console is null
                ? Fitter.Fit(scalingLaw, points, options, null, cancellationToken)
                : Terminal.WithProgress(console, $"fitting {scalingLaw.Name}", progress => Fitter.Fit(scalingLaw, points, options, progress, cancellationToken));
            // Muennighoff et al.'s decay constants are often weakly identified: profile them (no-op for other laws).
            result = DataConstrainedFit.CheckDecayConstants(result, points, cancellationToken);
            var uncertainty = console is null
                ? UncertaintyOptions.Run(parse, result, data, points, null, cancellationToken)
                : Terminal.WithProgress(console, "uncertainty", progress => UncertaintyOptions.Run(parse, result, data, points, progress, cancellationToken));
            var document = uncertainty.ApplyTo(FitDocument.From(result, data));
            if (parse.GetValue(output) is { } path) document.Save(path);
            if (console is null) parse.InvocationConfiguration.Output.WriteLine(document.ToJson());
            else FitReport.Write(console, document);
            return result.Status == FitStatus.Failed ? 1 : 0;
        })));
        return command;
    }
}
