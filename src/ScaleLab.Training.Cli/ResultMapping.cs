using System.Text.Json.Nodes;
using ScaleLab.Quantities;
using ScaleLab.Store;

namespace ScaleLab.Training.Cli;

/// <summary>A trainer's <see cref="RunResult"/> as the store's <see cref="RunOutcome"/>, and the extra fields the result document carries.</summary>
internal static class ResultMapping
{
    public static RunOutcome ToOutcome(RunResult result) => new()
    {
        Parameters = ParameterCount.Of(result.Parameters),
        ParameterCounting = result.ParameterCounting,
        Tokens = result.Samples is { } d ? TokenCount.Of(d) : null,
        TokenUnit = result.SampleUnit,
        Compute = result.Compute is { } c ? Flops.Of(c) : null,
        ComputeCounting = result.ComputeCounting,
        Train = result.TrainMetrics,
        HeldOut = result.TestMetrics,
        Ending = result.Status switch
        {
            RunStatus.Completed => "completed",
            RunStatus.EarlyStopped => "early-stopped",
            RunStatus.Diverged => "diverged",
            _ => result.Status.ToString(),
        },
        Steps = result.Steps,
        Diagnostics = result.Diagnostics,
    };

    /// <summary>What the document adds to the outcome: the trainer, its exact configuration, the seed and the wall time.</summary>
    public static JsonObject Extra(RunResult result) => new()
    {
        ["kind"] = result.Trainer,
        ["seed"] = result.Seed,
        ["configuration"] = JsonNode.Parse(result.Configuration),
        ["nonEmbeddingParameters"] = result.NonEmbeddingParameters,
        ["wallSeconds"] = Math.Round(result.WallTime.TotalSeconds, 3),
    };
}
