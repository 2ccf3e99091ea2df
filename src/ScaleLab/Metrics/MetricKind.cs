namespace ScaleLab.Metrics;

/// <summary>What the metric column of a file measures (<c>--metric-kind</c>); see <see cref="MetricKinds"/> for names, units and conversions.</summary>
public enum MetricKind
{
    /// <summary>Negative log-likelihood (cross-entropy) in nats per token.</summary>
    Nll,

    /// <summary>Perplexity e^L, with L in nats per token.</summary>
    Perplexity,

    /// <summary>Bits per byte of the evaluation text, L/(ln 2 · bytes per token).</summary>
    BitsPerByte,

    /// <summary>Bits per token, L/ln 2.</summary>
    BitsPerToken,

    /// <summary>Accuracy, a fraction in [0, 1].</summary>
    Accuracy,

    /// <summary>Error, a fraction in [0, 1].</summary>
    Error,

    /// <summary>F1 = 2PR/(P + R), a fraction in [0, 1].</summary>
    F1,

    /// <summary>Precision, a fraction in [0, 1].</summary>
    Precision,

    /// <summary>Recall, a fraction in [0, 1].</summary>
    Recall,

    /// <summary>Mean squared error (positive).</summary>
    Mse,

    /// <summary>Mean absolute error (positive).</summary>
    Mae,

    /// <summary>Corpus BLEU, 0–100.</summary>
    Bleu,

    /// <summary>Elo rating.</summary>
    Elo,
}
