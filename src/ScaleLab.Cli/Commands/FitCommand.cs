using System.CommandLine;
using ScaleLab.Plots.Reports;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.IO;
using ScaleLab.Laws;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab fit FILE --law NAME</c>: fit a law to runs and print, print as JSON or save the fit.</summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var file = DataOptions.File();
        var input = new DataOptions { ConvertsMetric = true };
        var law = new Option<string>("--law") { Description = $"law to fit ({string.Join(", ", LawRegistry.Names)})", DefaultValueFactory = _ => "chinchilla" };
        var objective = new Option<string?>("--objective")
        {
            Description = "huber-log, huber-linear, huber-log1p, squared-log, squared-linear, squared-log1p, asymmetric-linear or asymmetric-log (default: the law's, huber-log for chinchilla; scalelab laws lists them)",
        };
        var delta = new Option<double?>("--delta") { Description = "Huber threshold delta (default 1e-3)" };
        var negativeWeight = new Option<double?>("--negative-weight") { Description = "weight of negative residuals for the asymmetric loss (default 10)" };
        var fix = new Option<string[]>("--fix") { Description = "hold a parameter at a value: NAME=VALUE (repeatable)", AllowMultipleArgumentsPerToken = true };
        var tie = new Option<string[]>("--tie") { Description = "constrain parameters equal: NAME=NAME (repeatable)", AllowMultipleArgumentsPerToken = true };
        var bound = new Option<string[]>("--bound") { Description = "bound a parameter: NAME=LO:HI (repeatable; an empty end is open)", AllowMultipleArgumentsPerToken = true };
        var starts = new Option<int?>("--starts") { Description = "use only the first K starts of the law's grid" };
        var threads = new Option<int?>("--threads") { Description = "worker threads (default: one per core; the result does not depend on it)" };
        var json = new Option<bool>("--json") { Description = $"print the fit as JSON (schema {FitDocument.SchemaId})" };
        var output = new Option<string?>("--out") { Description = "also save the fit as JSON to this file" };
        var command = new Command("fit", "Fit a scaling law to training runs")
        {
            file, law, objective, delta, negativeWeight, fix, tie, bound, starts, threads, json, output,
        };
        input.AddTo(command);
        UncertaintyOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(BadInputGuard.Run(parse, () =>
        {
            var scalingLaw = LawRegistry.Get(parse.GetValue(law)!);
            var fitObjective = FitObjective.Parse(parse.GetValue(objective) ?? scalingLaw.DefaultObjective.Name, parse.GetValue(delta), parse.GetValue(negativeWeight));
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
            // Validates --fix/--tie/--bound and the uncertainty options against the law before any data are read.
            ParameterMap.Create(scalingLaw, options.Fixed, options.Ties, options.Bounds);
            var analysisOptions = UncertaintyOptions.Parse(parse, options.Parallelism);
            analysisOptions.Validate(scalingLaw);

            var data = input.Read(parse, parse.GetValue(file)!, scalingLaw, cancellationToken);

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
            var text = document.ToJson();
            // The file is written first under a temporary name and put in place only after standard output took the
            // document (or the table): when printing fails, --out has written nothing.
            using var saved = parse.GetValue(output) is { } path ? AtomicFile.Prepare(path, s => s.Write(AtomicFile.Utf8.GetBytes(text + "\n"))) : null;
            if (console is null) parse.InvocationConfiguration.Output.WriteLine(text);
            else FitReport.Write(console, fitted, analysis);
            parse.InvocationConfiguration.Output.Flush();
            saved?.Commit();
            // An error-severity finding (a fit that interpolates, an infinite parameter, undefined derived quantities) is a failure.
            bool error = fitted.Result.Diagnostics.Concat(analysis?.Diagnostics ?? []).Any(d => d.Severity == ScaleLab.Diagnostics.DiagnosticSeverity.Error);
            return fitted.Status == FitStatus.Failed || error ? 1 : 0;
        })));
        return command;
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
