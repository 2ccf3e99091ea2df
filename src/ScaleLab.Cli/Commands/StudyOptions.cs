using System.CommandLine;
using ScaleLab.Store;
using ScaleLab.Studies;

namespace ScaleLab.Cli.Commands;

/// <summary>Options every study command takes: seed, store, workers, study name, bootstrap size, JSON.</summary>
internal sealed class StudyOptions
{
    public Option<long> Seed { get; } = new("--seed") { Description = "study seed; every run seed is derived from it", DefaultValueFactory = _ => 1 };

    public Option<string> Store { get; } = new("--store") { Description = "SQLite file holding the runs", DefaultValueFactory = _ => RunStore.DefaultPath };

    public Option<int?> Workers { get; } = new("--workers") { Description = "runs trained at once (default: one per core)" };

    public Option<string?> Study { get; } = new("--study") { Description = "study name in the store (default: command and seed)" };

    public Option<int> Resamples { get; } = new("--resamples") { Description = "bootstrap resamples for the exponent intervals", DefaultValueFactory = _ => RegimeAnalysis.DefaultResamples };

    public Option<bool> Json { get; } = new("--json") { Description = "print the result as JSON (schema scalelab.study/1)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Seed);
        command.Options.Add(Store);
        command.Options.Add(Workers);
        command.Options.Add(Study);
        command.Options.Add(Resamples);
        command.Options.Add(Json);
    }

    /// <summary>The study name: <c>--study</c>, or <paramref name="prefix"/> and the seed.</summary>
    public string StudyName(ParseResult parse, string prefix) => parse.GetValue(Study) ?? $"{prefix}-seed{parse.GetValue(Seed)}";

    /// <summary>Checks the values; returns an error message or null.</summary>
    public string? Validate(ParseResult parse)
    {
        if (parse.GetValue(Workers) is < 1) return "--workers must be at least 1";
        if (parse.GetValue(Resamples) < 0) return "--resamples must be 0 or more";
        return string.IsNullOrWhiteSpace(parse.GetValue(Store)) ? "--store must name a file" : null;
    }

    public int Execute(ParseResult parse, StudyPlan plan, Action<IReadOnlyList<RegimeFit>, System.Text.Json.Nodes.JsonObject, bool>? epilogue = null) =>
        StudyConsole.Execute(plan, parse.GetValue(Store)!, parse.GetValue(Workers), parse.GetValue(Resamples), parse.GetValue(Json), epilogue);

    public static int BadInput(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return Program.BadInput;
    }
}
