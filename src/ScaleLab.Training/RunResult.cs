using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Quantities;

namespace ScaleLab.Training;

/// <summary>
/// The complete record of one training run: what was trained (the exact spec as JSON), its scale
/// (N, D, C and how each was counted), its metrics on training and held-out data, and how it ended.
/// </summary>
public sealed record RunResult
{
    /// <summary>Trainer name: <c>random-feature</c>, <c>deep-teacher-student</c> or <c>transformer-lm</c>.</summary>
    public required string Trainer { get; init; }

    /// <summary>The spec serialised with <see cref="Experiments.TrainingJson"/>: reproduces the run exactly.</summary>
    public required string Configuration { get; init; }

    /// <summary>The run's seed.</summary>
    public required long Seed { get; init; }

    /// <summary>N, the trained parameter count.</summary>
    public required double Parameters { get; init; }

    /// <summary>How <see cref="Parameters"/> was counted.</summary>
    public required string ParameterCounting { get; init; }

    /// <summary>Kaplan's non-embedding parameter count, for models with embedding tables.</summary>
    public double? NonEmbeddingParameters { get; init; }

    /// <summary>D, training samples or tokens seen; null for infinite-data (population) solutions.</summary>
    public required double? Samples { get; init; }

    /// <summary>Unit of <see cref="Samples"/>: <c>samples</c> or <c>tokens</c>.</summary>
    public required string SampleUnit { get; init; }

    /// <summary>C, training FLOPs; null when D is infinite.</summary>
    public required double? Compute { get; init; }

    /// <summary>How <see cref="Compute"/> was counted.</summary>
    public required string ComputeCounting { get; init; }

    /// <summary>Name of the headline metric, a key of <see cref="TestMetrics"/>.</summary>
    public required string MetricName { get; init; }

    /// <summary>Metrics on the training data (e.g. <c>loss</c>).</summary>
    public required IReadOnlyDictionary<string, double> TrainMetrics { get; init; }

    /// <summary>Metrics on held-out data or exact population metrics.</summary>
    public required IReadOnlyDictionary<string, double> TestMetrics { get; init; }

    /// <summary>Optimiser steps taken (0 for closed-form solutions).</summary>
    public required long Steps { get; init; }

    /// <summary>Elapsed time of the run.</summary>
    public required TimeSpan WallTime { get; init; }

    /// <summary>How the run ended.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Findings about the run (early stop, divergence, counting caveats).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The headline metric on held-out data.</summary>
    public double Metric => TestMetrics[MetricName];

    /// <summary>
    /// The run as a core observation: N, D, C as recorded (none derived), the headline metric, the
    /// seed, the trainer as group and the configuration as a tag.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run has infinite data (no D or C) or a non-positive metric.</exception>
    public Observation ToObservation(string? runId = null)
    {
        if (Samples is not { } d || Compute is not { } c)
        {
            throw new InvalidOperationException("an infinite-data run has no finite D or C and cannot become an observation");
        }
        return new Observation
        {
            Parameters = ParameterCount.Of(Parameters),
            NonEmbeddingParameters = NonEmbeddingParameters is { } ne ? ParameterCount.Of(ne) : null,
            Tokens = TokenCount.Of(d),
            Compute = Flops.Of(c),
            Metric = Metric,
            RunId = runId,
            Group = Trainer,
            Seed = Seed,
            Tags = new Dictionary<string, string>
            {
                ["configuration"] = Configuration,
                ["metricName"] = MetricName,
                ["parameterCounting"] = ParameterCounting,
                ["computeCounting"] = ComputeCounting,
            },
        };
    }
}
