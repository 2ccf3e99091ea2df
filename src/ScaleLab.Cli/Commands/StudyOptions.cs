using System.CommandLine;
using ScaleLab.Store;
using ScaleLab.Studies;

namespace ScaleLab.Cli.Commands;

/// <summary>Options every study command takes: seed, store, workers, study name, bootstrap size, JSON, HTML report.</summary>
internal sealed class StudyOptions
{
    public Option<long> Seed { get; } = new("--seed") { Description = "study seed; every run seed is derived from it", DefaultValueFactory = _ => 1 };

    public Option<string> Store { get; } = new("--store") { Description = "SQLite file holding the runs", DefaultValueFactory = _ => RunStore.DefaultPath };

    public Option<int?> Workers { get; } = new("--workers") { Description = "runs trained at once (default: one per core)" };

    public Option<string?> Study { get; } = new("--study") { Description = "study name in the store (default: command and seed)" };

    public Option<int> Resamples { get; } = new("--resamples") { Description = "bootstrap resamples for the exponent intervals", DefaultValueFactory = _ => RegimeAnalysis.DefaultResamples };

    public Option<bool> Json { get; } = new("--json") { Description = "print the result as JSON (schema scalelab.study/1)" };

    public Option<string?> Report { get; } = new("--report") { Description = "HTML report to write after fitting (default: report.html next to the store)" };

    public Option<bool> NoReport { get; } = new("--no-report") { Description = "write no HTML report" };

    public void AddTo(Command command)
    {
        command.Options.Add(Seed);
        command.Options.Add(Store);
        command.Options.Add(Workers);
        command.Options.Add(Study);
        command.Options.Add(Resamples);
        command.Options.Add(Json);
        command.Options.Add(Report);
        command.Options.Add(NoReport);
    }

    /// <summary>The study name: <c>--study</c>, or <paramref name="prefix"/> and the seed.</summary>
    public string StudyName(ParseResult parse, string prefix) => parse.GetValue(Study) ?? $"{prefix}-seed{parse.GetValue(Seed)}";

    /// <summary>Checks the values; returns an error message or null.</summary>
    public string? Validate(ParseResult parse)
    {
        if (parse.GetValue(Workers) is < 1) return "--workers must be at least 1";
        if (parse.GetValue(Resamples) < 0) return "--resamples must be 0 or more";
        if (parse.GetValue(Report) is { } report)
        {
            if (parse.GetValue(NoReport)) return "--report and --no-report: give one or the other";
            if (string.IsNullOrWhiteSpace(report)) return "--report must name a file";
        }
        return string.IsNullOrWhiteSpace(parse.GetValue(Store)) ? "--store must name a file" : null;
    }

    public int Execute(ParseResult parse, StudyPlan plan, StudyEpilogue? epilogue = null) =>
        StudyConsole.Execute(plan, parse.GetValue(Store)!, parse.GetValue(Workers), parse.GetValue(Resamples), parse.GetValue(Json), ReportPath(parse), epilogue);

    /// <summary>Where the HTML report goes: <c>--report</c>, none with <c>--no-report</c>, else <c>report.html</c> next to the store.</summary>
    public string? ReportPath(ParseResult parse) =>
        parse.GetValue(NoReport) ? null : parse.GetValue(Report) ?? StudyReport.DefaultPath(parse.GetValue(Store)!);

    public static int BadInput(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return Program.BadInput;
    }
}
