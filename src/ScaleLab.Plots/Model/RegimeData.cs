namespace ScaleLab.Plots.Model;

/// <summary>
/// One regime of a scaling experiment (e.g. Bahri et al. 2021: variance- or resolution-limited, in
/// data or in model size): the measured losses along the varied quantity, the slope measured on
/// them and the slope the theory predicts. Plain arrays so experiment code can pass its results.
/// </summary>
/// <param name="Title">The regime, e.g. <c>variance-limited, dataset (D ≫ P)</c>.</param>
/// <param name="XLabel">The varied quantity, e.g. <c>training samples D</c>.</param>
/// <param name="XUnit">Its unit, e.g. <c>samples</c>, or null.</param>
/// <param name="X">Values of the varied quantity (positive).</param>
/// <param name="Loss">Measured loss (or reducible loss) at each value (positive).</param>
/// <param name="MeasuredSlope">Log-log slope measured by the experiment (negative for a decreasing loss).</param>
/// <param name="TheorySlope">Slope the theory predicts, e.g. −1 or −4/d.</param>
/// <param name="YLabel">The measured quantity, e.g. <c>loss</c> or <c>excessLoss</c>.</param>
public sealed record RegimeData(string Title, string XLabel, string? XUnit, double[] X, double[] Loss, double MeasuredSlope, double TheorySlope, string YLabel = "loss");
