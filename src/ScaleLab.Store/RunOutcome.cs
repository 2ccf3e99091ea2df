using ScaleLab.Quantities;

namespace ScaleLab.Store;

/// <summary>
/// What a finished run measured: its size N, data D and compute C (each with how it was counted,
/// since counting conventions change fitted exponents, SCIENCE.md §13) and its final metrics on the
/// training data and on held-out data.
/// </summary>
public sealed record RunOutcome
{
    /// <summary>The <see cref="ComputeCounting"/> of C = 6ND (SCIENCE.md §2), derived rather than measured.</summary>
    public const string SixND = "6ND";

    /// <summary>Model size N.</summary>
    public required ParameterCount Parameters { get; init; }

    /// <summary>How N was counted, e.g. <c>total</c>, <c>non-embedding</c>, <c>features</c>.</summary>
    public required string ParameterCounting { get; init; }

    /// <summary>Training tokens or samples D.</summary>
    public required TokenCount Tokens { get; init; }

    /// <summary>Training compute C.</summary>
    public required Flops Compute { get; init; }

    /// <summary>How C was counted, e.g. <c>6ND</c> or <c>measured</c>.</summary>
    public required string ComputeCounting { get; init; }

    /// <summary>Final metrics on the training data, by name (e.g. <c>loss</c>).</summary>
    public IReadOnlyDictionary<string, double> Train { get; init; } = new Dictionary<string, double>();

    /// <summary>Final metrics on held-out data, by name (e.g. <c>loss</c>, <c>excess_loss</c>).</summary>
    public IReadOnlyDictionary<string, double> HeldOut { get; init; } = new Dictionary<string, double>();
}
