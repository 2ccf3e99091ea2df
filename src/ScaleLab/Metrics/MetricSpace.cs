namespace ScaleLab.Metrics;

/// <summary>
/// The metric a law is stated over, and so the space its data are converted into before fitting
/// (docs/metrics.md): bounded metrics get bounded laws, Elo is linear in log compute.
/// </summary>
public enum MetricSpace
{
    /// <summary>Any positive metric that falls with scale: losses as given (perplexity as its log), bounded scores as their error 1 − score.</summary>
    Generic,

    /// <summary>A loss: cross-entropy in nats per token (bits per byte kept as given), or a regression error (MSE, MAE).</summary>
    Loss,

    /// <summary>A bounded error in [0, 1]: 1 − accuracy, 1 − F1, top-1 error.</summary>
    Error,

    /// <summary>A bounded score in [0, 1] that rises with scale: accuracy, F1, coverage (pass@k).</summary>
    Score,

    /// <summary>Corpus BLEU on its 0–100 scale.</summary>
    Bleu,

    /// <summary>An Elo rating (400 points per factor of 10 in the odds of winning).</summary>
    Elo,
}
