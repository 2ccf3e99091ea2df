namespace ScaleLab.Serialization;

/// <summary>One prediction of the demo: a named configuration, the fitted law's loss and the true law's.</summary>
/// <param name="Name">e.g. <c>Chinchilla</c>.</param>
/// <param name="Parameters">N.</param>
/// <param name="Tokens">D.</param>
/// <param name="Fitted">Loss predicted by the fitted law.</param>
/// <param name="True">Loss of the generating law.</param>
public sealed record DemoPrediction(string Name, double Parameters, double Tokens, double Fitted, double True);
