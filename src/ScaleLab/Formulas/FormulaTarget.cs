using ScaleLab.Fitting;

namespace ScaleLab.Formulas;

/// <summary>What a law predicts: the column of the observed metric, the space residuals are taken in, and the loss on them.</summary>
/// <param name="Column">The metric's column (possibly a nested path).</param>
/// <param name="Space">Log (the default), linear or log1p residuals.</param>
public sealed record FormulaTarget(string Column, ResidualSpace Space = ResidualSpace.Log)
{
    /// <summary>The per-point loss (Huber by default, as for the built-in laws).</summary>
    public LossKind Loss { get; init; } = LossKind.Huber;

    /// <summary>The Huber threshold δ, when the file gives one (else the project's 1e-3).</summary>
    public double? Delta { get; init; }

    /// <summary>The objective the target implies: its loss on residuals in its space.</summary>
    public FitObjective Objective
    {
        get
        {
            var objective = new FitObjective { Loss = Loss, Space = Space };
            return Delta is { } d ? objective with { Delta = d } : objective;
        }
    }
}
