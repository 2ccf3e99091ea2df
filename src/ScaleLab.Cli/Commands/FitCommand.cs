using System.CommandLine;
using ScaleLab.Analysis;
using ScaleLab.Plots.Reports;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.IO;
using ScaleLab.Laws;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab fit FILE --law NAME</c> (or <c>fit --store DB --sweep NAME</c>): fit a law to runs and print, print as JSON or save the fit.</summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var file = DataOptions.File();
        file.Arity = ArgumentArity.ZeroOrOne;
        var store = new Option<string?>("--store") { Description = "with --sweep: " + StoreOption.Help + $" (default {ScaleLab.Store.RunStore.DefaultPath})" };
        var sweep = new Option<string?>("--sweep") { Description = "fit the finished runs of this sweep in --store instead of a data file" };
        var input = new DataOptions { ConvertsMetric = true };
        var law = new Option<string?>("--law")
        {
            Description = $"law to fit: a name ({string.Join(", ", LawRegistry.Names)}; default chinchilla), a law file (.toml) or a formula such as 'E + A*N^-alpha + B*D^-beta'",
        };
        var lawOptions = new LawOptions();
        var objective = new Option<string?>("--objective")
        {
            Description = "huber-log, huber-linear, huber-log1p, squared-log, squared-linear, squared-log1p, asymmetric-linear or asymmetric-log " +
                "(default: the law's, huber-log for chinchilla, a law file's target for its law; scalelab laws lists them)",
        };
        var delta = new Option<double?>("--delta") { Description = "Huber threshold delta (default 1e-3)" };
        var negativeWeight = new Option<double?>("--negative-weight") { Description = "weight of negative residuals for the asymmetric loss (default 10)" };
        var threads = new Option<int?>("--threads") { Description = "worker threads (default: one per core; the result does not depend on it)" };
        var json = new Option<bool>("--json") { Description = $"print the fit as JSON (schema {FitDocument.SchemaId})" };
        var output = new Option<string?>("--out") { Description = "also save the fit as JSON to this file" };
        var command = new Command("fit", "Fit a scaling law (registered, a law file or a formula) to training runs")
        {
            file, store, sweep, law, objective, delta, negativeWeight, threads, json, output,
        };
        lawOptions.AddTo(command);
        input.AddTo(command);
        UncertaintyOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(BadInputGuard.Run(parse, () =>
        {
            if (parse.GetValue(law) is not null && parse.GetValue(lawOptions.LawFile) is not null) throw new ArgumentException("give --law or --law-file, not both");
            var choice = lawOptions.Choices(parse, parse.GetValue(lawOptions.LawFile) is null ? [parse.GetValue(law) ?? "chinchilla"] : [])[0];
            if (parse.GetValue(threads) is < 1) throw new ArgumentException("--threads must be >= 1");
            var settings = lawOptions.Settings(parse);
            var given = parse.GetValue(objective) is { } text ? FitObjective.Parse(text, parse.GetValue(delta), parse.GetValue(negativeWeight)) : null;
            // A registered law takes --fix/--tie/--bound as fit options; a formula law holds bounds and fixed values itself.
            var options = new FitOptions
            {
                Fixed = choice.IsFormula ? new Dictionary<string, double>() : settings.Fixed,
                Ties = settings.Ties,
                Bounds = choice.IsFormula ? new Dictionary<string, (double, double)>() : settings.Bounds,
                MaxStarts = choice.IsFormula ? null : settings.Starts,
                Parallelism = parse.GetValue(threads),
            };
            // Validates the options against the law before any data are read (a formula's parameters are known once its columns are).
            var analysisOptions = UncertaintyOptions.Parse(parse, options.Parallelism);
            ScalingLaw? known = choice.File is not null || choice.Registered is not null ? LawOptions.Resolve(choice, null, settings) : null;
            if (known is not null)
            {
                Validate(known, options, analysisOptions);
                // An impossible --metric-kind (accuracy for a law of losses) is bad input before the file is read.
                input.CheckConversion(parse, known);
            }

            string? dataFile = parse.GetValue(file), sweepName = parse.GetValue(sweep);
            if ((dataFile is null) == (sweepName is null)) throw new ArgumentException("give a data FILE, or --store DB --sweep NAME");
            if (sweepName is null && parse.GetValue(store) is not null) throw new ArgumentException("--store needs --sweep NAME");
            var data = sweepName is null
                ? LawOptions.Read(parse, input, dataFile!, [choice], null, cancellationToken)
                : input.ReadSweep(parse, parse.GetValue(store) ?? ScaleLab.Store.RunStore.DefaultPath, sweepName);
            var scalingLaw = known ?? LawOptions.Resolve(choice, data, settings);
            if (known is null) Validate(scalingLaw, options, analysisOptions);
            data = input.Converted(parse, data, scalingLaw);
            // Without --objective the law's own decides (a law file's target: its space, loss and delta).
            var own = scalingLaw.DefaultObjective;
            given ??= FitObjective.Parse(own.Name, parse.GetValue(delta) ?? (scalingLaw is FormulaScalingLaw ? own.Delta : null), parse.GetValue(negativeWeight));
            options = options with { Objective = given };

            // Spectre.Console is loaded only for the table; --json does without it.
            var console = parse.GetValue(json) ? null : Terminal.For(parse);
            ReportFit FitOne(ObservationSet set, string label)
            {
                var fitted = console is null
                    ? FittedLaw.Fit(scalingLaw, set, options, null, cancellationToken)
                    : Terminal.WithProgress(console, $"fitting {scalingLaw.Name}{label}", progress => FittedLaw.Fit(scalingLaw, set, options, progress, cancellationToken));
                var analysis = console is null
                    ? fitted.Analyse(analysisOptions, null, cancellationToken)
                    : Terminal.WithProgress(console, $"uncertainty{label}", progress => fitted.Analyse(analysisOptions, progress, cancellationToken));
                return new ReportFit(fitted, analysis);
            }
            if (input.Grouped(parse)) return Grouped(parse, data, FitOne, ParameterMap.Create(scalingLaw, options.Fixed, options.Ties, options.Bounds).FreeCount,
                console, parse.GetValue(output), cancellationToken);
            var (fitted, analysis) = FitOne(data, "");
            var document = FitDocument.From(fitted, analysis);
            var documentText = document.ToJson();
            // The file is written first under a temporary name and put in place only after standard output took the
            // document (or the table): when printing fails, --out has written nothing.
            using var saved = parse.GetValue(output) is { } path ? AtomicFile.Prepare(path, s => s.Write(AtomicFile.Utf8.GetBytes(documentText + "\n"))) : null;
            if (console is null) parse.InvocationConfiguration.Output.WriteLine(documentText);
            else FitReport.Write(console, fitted, analysis);
            parse.InvocationConfiguration.Output.Flush();
            saved?.Commit();
            // An error-severity finding (a fit that interpolates, an infinite parameter, undefined derived quantities) is a failure.
            bool error = fitted.Result.Diagnostics.Concat(analysis?.Diagnostics ?? []).Any(d => d.Severity == ScaleLab.Diagnostics.DiagnosticSeverity.Error);
            return fitted.Status == FitStatus.Failed || error ? 1 : 0;
        })));
        return command;
    }

    private static void Validate(ScalingLaw law, FitOptions options, AnalysisOptions analysis)
    {
        ParameterMap.Create(law, options.Fixed, options.Ties, options.Bounds);
        analysis.Validate(law);
    }

    // One fit per group (a group with no more rows than free parameters is skipped), in one document and one table.
    private static int Grouped(ParseResult parse, ObservationSet data, Func<ObservationSet, string, ReportFit> fit, int free,
        Spectre.Console.IAnsiConsole? console, string? output, CancellationToken cancellationToken)
    {
        var groups = data.Groups();
        var outcomes = RowGroups.Run(groups, g => RowGroups.TooFew(g, free + 1, $"a fit of {free} free parameters"),
            (g, k) => fit(g.Data, $" ({k + 1}/{groups.Count}: {g.Name})"), cancellationToken);
        var documents = outcomes.Select(o => new GroupOutcome<FitDocument>(o.Group, o.Result is { } r ? FitDocument.From(r.Fit, r.Analysis) : null, o.Skipped)).ToArray();
        var text = FitGroupsDocument.ToJson(data, documents);
        // As for one fit: the file is put in place only after standard output took the document or the table.
        using var saved = output is null ? null : AtomicFile.Prepare(output, s => s.Write(AtomicFile.Utf8.GetBytes(text + "\n")));
        if (console is null) parse.InvocationConfiguration.Output.WriteLine(text);
        else FitReport.WriteGroups(console, data, outcomes);
        parse.InvocationConfiguration.Output.Flush();
        saved?.Commit();
        bool failed = outcomes.All(o => o.Result is null) || outcomes.Any(o => o.Result?.Fit.Status == FitStatus.Failed);
        return failed ? 1 : 0;
    }
}
