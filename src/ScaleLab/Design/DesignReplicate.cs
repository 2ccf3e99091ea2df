namespace ScaleLab.Design;

/// <summary>One strategy on one simulated data set at one budget: what it trained and how well the fit to it predicts the target.</summary>
/// <param name="Scenario">The study's name.</param>
/// <param name="Replicate">0-based index of the simulated data set.</param>
/// <param name="Fraction">The budget as a fraction of the pool's total cost.</param>
/// <param name="Strategy">The strategy.</param>
/// <param name="RSquared">Target-region R² of the fit against the true metric.</param>
/// <param name="Rmsle">Target-region root mean squared log error against the true metric.</param>
/// <param name="Runs">Runs trained.</param>
/// <param name="Spent">Their cost as a fraction of the pool's total.</param>
public sealed record DesignReplicate(string Scenario, int Replicate, double Fraction, SelectionStrategy Strategy, double RSquared, double Rmsle, int Runs, double Spent);
