using System.CommandLine;
using ScaleLab.Experiments.Companion;
using ScaleLab.Store;
using ScaleLab.Studies;

namespace ScaleLab.Cli.Commands;

/// <summary>Options every study command takes: seed, store, workers, study name, bootstrap size, JSON, HTML report, and how runs are executed.</summary>
internal sealed class StudyOptions
{
    public Option<long> Seed { get; } = new("--seed") { Description = "study seed; every run seed is derived from it", DefaultValueFactory = _ => 1 };

    public Option<string> Store { get; } = StoreOption.Create();

    public Option<int?> Workers { get; } = new("--workers") { Description = "runs trained at once (default: one per core)" };

    public Option<string?> Study { get; } = new("--study") { Description = "study name in the store (default: command and seed)" };

    public Option<int> Resamples { get; } = new("--resamples") { Description = "bootstrap resamples for the exponent intervals", DefaultValueFactory = _ => RegimeAnalysis.DefaultResamples };

    public Option<bool> Json { get; } = new("--json") { Description = "print the result as JSON (schema scalelab.study/1)" };

    public Option<string?> Report { get; } = new("--report") { Description = "HTML report to write after fitting (default: report.html next to the store)" };

    public Option<bool> NoReport { get; } = new("--no-report") { Description = "write no HTML report" };

    public Option<string?> Trainer { get; } = new("--trainer")
    {
        Description = $"the training companion {TrainerCompanion.CommandName} (default: ${TrainerCompanion.EnvironmentVariable}, next to scalelab, on PATH, or this repository's build)",
    };

    public Option<double?> Timeout { get; } = new("--timeout") { Description = "seconds one run may take before its processes are killed (default: no limit)" };

    public Option<int> Retries { get; } = new("--retries") { Description = "retries of a run whose process crashed or timed out", DefaultValueFactory = _ => 2 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Seed, Store, Workers, Study, Resamples, Json, Report, NoReport, Trainer, Timeout, Retries }) command.Options.Add(option);
    }

    /// <summary>The study name: <c>--study</c>, or <paramref name="prefix"/> and the seed.</summary>
    public string StudyName(ParseResult parse, string prefix) => parse.GetValue(Study) ?? $"{prefix}-seed{parse.GetValue(Seed)}";

    /// <summary>Checks the values; returns an error message or null.</summary>
    public string? Validate(ParseResult parse)
    {
        if (parse.GetValue(Workers) is < 1) return "--workers must be at least 1";
        if (parse.GetValue(Resamples) < 0) return "--resamples must be 0 or more";
        if (parse.GetValue(Retries) < 0) return "--retries must be 0 or more";
        if (parse.GetValue(Timeout) is { } t && !(t > 0 && t <= TimeSpan.MaxValue.TotalSeconds)) return $"--timeout: {t} is not a positive number of seconds";
        if (parse.GetValue(Report) is { } report)
        {
            if (parse.GetValue(NoReport)) return "--report and --no-report: give one or the other";
            if (string.IsNullOrWhiteSpace(report)) return "--report must name a file";
        }
        return string.IsNullOrWhiteSpace(parse.GetValue(Store)) ? "--store must name a file or a PostgreSQL connection string" : null;
    }

    /// <summary>The settings the command line gives.</summary>
    public StudySettings Settings(ParseResult parse) => new()
    {
        StorePath = parse.GetValue(Store)!,
        Workers = parse.GetValue(Workers),
        Resamples = parse.GetValue(Resamples),
        Json = parse.GetValue(Json),
        ReportPath = ReportPath(parse),
        Trainer = parse.GetValue(Trainer),
        Timeout = parse.GetValue(Timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        Retries = parse.GetValue(Retries),
    };

    /// <summary>Runs <paramref name="plan"/> with the command line's settings and prints through the invocation's writers.</summary>
    public Task<int> ExecuteAsync(ParseResult parse, StudyPlan plan, CancellationToken cancellationToken, StudyEpilogue? epilogue = null) =>
        StudyConsole.ExecuteAsync(plan, Settings(parse), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, epilogue, cancellationToken);

    /// <summary>Where the HTML report goes: <c>--report</c>, none with <c>--no-report</c>, else <c>report.html</c> next to the store.</summary>
    public string? ReportPath(ParseResult parse) =>
        parse.GetValue(NoReport) ? null : parse.GetValue(Report) ?? StudyReport.DefaultPath(parse.GetValue(Store)!);

    /// <summary>Writes "error: message" to the invocation's standard error and returns the bad-input exit code.</summary>
    public static int BadInput(ParseResult parse, string message) => BadInputGuard.Fail(parse, message);
}
