namespace ScaleLab.Studies.Execution;

/// <summary>
/// What a run was planned at, for a result that does not say what it trained: a user's command may
/// print only its metric, and the planned N and D then stand (counted as <c>planned</c>).
/// </summary>
/// <param name="Parameters">Planned model size N.</param>
/// <param name="Tokens">Planned training tokens D, when the plan has them.</param>
public sealed record ResultDefaults(double Parameters, double? Tokens);
