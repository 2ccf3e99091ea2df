using ScaleLab.Diagnostics;
using ScaleLab.Quantities;

namespace ScaleLab.Store;

/// <summary>
/// What a finished run measured: its size N, data D and compute C (each with how it was counted,
/// since counting conventions change fitted exponents, docs/science.md §1) and its final metrics on the
/// training data and on held-out data.
/// </summary>
public sealed record RunOutcome
{
    /// <summary>The <see cref="ComputeCounting"/> of C = 6ND (docs/science.md §1), derived rather than measured.</summary>
    public const string SixND = "6ND";

    /// <summary>Model size N.</summary>
    public required ParameterCount Parameters { get; init; }

    /// <summary>How N was counted, e.g. <c>total</c>, <c>non-embedding</c>, <c>features</c>.</summary>
    public required string ParameterCounting { get; init; }

    /// <summary>Training tokens or samples D; null for a run on infinite data (a population optimum).</summary>
    public required TokenCount? Tokens { get; init; }

    /// <summary>Unit of <see cref="Tokens"/>: <c>tokens</c> or <c>samples</c>.</summary>
    public string TokenUnit { get; init; } = "tokens";

    /// <summary>Training compute C; null when D is infinite.</summary>
    public required Flops? Compute { get; init; }

    /// <summary>How C was counted, e.g. <c>6ND</c> or <c>measured</c>.</summary>
    public required string ComputeCounting { get; init; }

    /// <summary>Final metrics on the training data, by name (e.g. <c>loss</c>).</summary>
    public IReadOnlyDictionary<string, double> Train { get; init; } = new Dictionary<string, double>();

    /// <summary>Final metrics on held-out data (or exact population metrics), by name (e.g. <c>loss</c>, <c>excessLoss</c>).</summary>
    public IReadOnlyDictionary<string, double> HeldOut { get; init; } = new Dictionary<string, double>();

    /// <summary>How training ended, in the trainer's words (e.g. <c>completed</c>, <c>early-stopped</c>, <c>diverged</c>).</summary>
    public string Ending { get; init; } = "completed";

    /// <summary>Optimiser steps taken (0 for closed-form solutions).</summary>
    public long Steps { get; init; }

    /// <summary>The trainer's findings about the run.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
}
