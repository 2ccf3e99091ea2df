using ScaleLab.Quantities;

namespace ScaleLab.Accounting;

/// <summary>FLOPs per token of one model under one counting convention.</summary>
/// <param name="Convention">The convention used.</param>
/// <param name="ForwardPerToken">Forward-pass FLOPs per token.</param>
/// <param name="TrainingPerToken">Training FLOPs per token (forward + backward = 3× forward).</param>
/// <param name="ExcludedForwardPerToken">(a plain count: 0 for the full App. F count) Forward FLOPs per token the convention leaves out (embedding and de-embedding for Kaplan and 6ND; 0 for the full App. F count).</param>
/// <param name="Description">One line naming the formula, for output.</param>
public sealed record FlopEstimate(FlopConvention Convention, Flops ForwardPerToken, Flops TrainingPerToken, double ExcludedForwardPerToken, string Description)
{
    /// <summary>Training FLOPs for <paramref name="tokens"/> tokens.</summary>
    public Flops Training(TokenCount tokens) => Flops.Of(TrainingPerToken.Value * tokens.Value);

    /// <summary>Ratio of this count to 6·N per token for a given N (Hoffmann Table A4 compares against 6N).</summary>
    public double RatioTo6N(ParameterCount parameters) => TrainingPerToken.Value / (6 * parameters.Value);
}
