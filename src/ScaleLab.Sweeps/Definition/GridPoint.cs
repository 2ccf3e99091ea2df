namespace ScaleLab.Sweeps.Definition;

/// <summary>One (N, D) point of a grid, before the extra axes multiply it.</summary>
/// <param name="Parameters">Model size N (whole).</param>
/// <param name="Tokens">Training tokens D (whole).</param>
/// <param name="Budget">The IsoFLOP budget C the point belongs to; null outside IsoFLOP grids.</param>
/// <param name="Values">Values of extra axes fixed by the point itself (an explicit list may give them per run).</param>
public sealed record GridPoint(double Parameters, double Tokens, double? Budget, IReadOnlyDictionary<string, string> Values);
