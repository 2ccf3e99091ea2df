namespace ScaleLab.Serialization;

/// <summary>A formula law's target in a fit document.</summary>
/// <param name="Column">The metric column (or path).</param>
/// <param name="Space"><c>log</c>, <c>linear</c> or <c>log1p</c>.</param>
/// <param name="Loss"><c>huber</c>, <c>squared</c> or <c>asymmetric</c>.</param>
/// <param name="Delta">The Huber threshold, when the law file gave one.</param>
public sealed record FormulaTargetEntry(string Column, string Space, string Loss, double? Delta = null);
