namespace ScaleLab.Design;

/// <summary>One point of a replay's error-against-cost curve.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Seed">The seed (0-based index).</param>
/// <param name="Checkpoint">The budget as a fraction of the study's total cost.</param>
/// <param name="Spent">The cost of the runs trained by then (initial runs included), as a fraction of the total.</param>
/// <param name="Runs">How many runs that is.</param>
/// <param name="RSquared">Target R² of the fit to them against the measured target.</param>
/// <param name="Rmsle">Target RMSLE against the measured target.</param>
public sealed record ReplayPoint(SelectionStrategy Strategy, int Seed, double Checkpoint, double Spent, int Runs, double RSquared, double Rmsle);
