namespace ScaleLab.Metrics;

/// <summary>
/// The exact conversions between the metrics scaling laws are stated over (docs/metrics.md). Nats and bits, and
/// tokens and bytes at a fixed bytes per token, differ by constant factors that rescale a law's scales and floor
/// but leave its exponents unchanged; perplexity, error and win probability are not constant rescalings.
/// </summary>
public static class MetricConversions
{
    /// <summary>ln 2, nats per bit.</summary>
    public const double NatsPerBit = 0.69314718055994530942;

    /// <summary>Perplexity e^L of a loss in nats per token.</summary>
    public static double Perplexity(double nats) => Math.Exp(nats);

    /// <summary>The loss in nats per token, ln PPL, of a perplexity.</summary>
    public static double NatsFromPerplexity(double perplexity) => Math.Log(perplexity);

    /// <summary>Bits per token, L/ln 2.</summary>
    public static double BitsPerToken(double nats) => nats / NatsPerBit;

    /// <summary>Nats from bits (per token or per byte), bits·ln 2.</summary>
    public static double NatsFromBits(double bits) => bits * NatsPerBit;

    /// <summary>Bits per byte, L/(ln 2 · B_t), with B_t the UTF-8 bytes per token of the evaluation text.</summary>
    public static double BitsPerByte(double nats, double bytesPerToken) => nats / (NatsPerBit * bytesPerToken);

    /// <summary>Bits per word, L·T_w/ln 2, with T_w tokens per word (1.4 on WebText2, Kaplan et al. 2020 fn. 7).</summary>
    public static double BitsPerWord(double nats, double tokensPerWord) => nats * tokensPerWord / NatsPerBit;

    /// <summary>Error 1 − accuracy (or 1 − F1, 1 − precision, 1 − recall); the same map takes an error back to its score.</summary>
    public static double Complement(double fraction) => 1 - fraction;

    /// <summary>F1, the harmonic mean 2PR/(P + R) of precision and recall (0 when both are 0).</summary>
    public static double F1(double precision, double recall) => precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;

    /// <summary>The probability that a player rated <paramref name="eloDifference"/> points higher wins: 1/(1 + 10^(−ΔElo/400)).</summary>
    public static double WinProbability(double eloDifference) => 1 / (1 + Math.Pow(10, -eloDifference / 400));

    /// <summary>The Elo difference 400·log10(p/(1 − p)) at which the stronger player wins with probability <paramref name="winProbability"/>.</summary>
    public static double EloDifference(double winProbability) => 400 * Math.Log10(winProbability / (1 - winProbability));
}
