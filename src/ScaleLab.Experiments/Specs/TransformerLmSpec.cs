namespace ScaleLab.Experiments.Specs;

/// <summary>
/// One tiny decoder-only transformer language model run (token embedding + learned positions,
/// pre-LayerNorm blocks of causal self-attention and a 4× GELU MLP, tied-free output head), trained
/// with AdamW on next-token prediction. Data come from a synthetic Markov source with a known entropy
/// rate or from a text file read as bytes (vocabulary 256).
/// </summary>
/// <param name="ModelDimension">d_model.</param>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="Heads">Attention heads (must divide d_model).</param>
/// <param name="Context">Tokens per training sequence.</param>
/// <param name="BatchSize">Sequences per step.</param>
/// <param name="Steps">Optimiser steps; training tokens D = Steps × BatchSize × Context.</param>
/// <param name="LearningRate">Peak AdamW learning rate (linear warm-up, cosine decay to 10% over <paramref name="Steps"/>).</param>
/// <param name="Seed">Seed of the initialisation, data stream and batch order.</param>
/// <param name="Markov">Synthetic source; exactly one of Markov and TextPath is set.</param>
/// <param name="TextPath">Text file read as bytes; the last 10% is held out for evaluation.</param>
/// <param name="EvaluationTokens">Held-out tokens scored for the reported metrics.</param>
/// <param name="WarmupSteps">Linear warm-up steps.</param>
public sealed record TransformerLmSpec(
    int ModelDimension = 32,
    int Layers = 1,
    int Heads = 2,
    int Context = 32,
    int BatchSize = 16,
    int Steps = 300,
    double LearningRate = 3e-3,
    long Seed = 0,
    MarkovSourceSpec? Markov = null,
    string? TextPath = null,
    int EvaluationTokens = 16384,
    int WarmupSteps = 20)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if ((Markov is null) == (TextPath is null)) throw new ArgumentException("exactly one of markov and textPath must be set", nameof(Markov));
        Markov?.Validate();
        if (ModelDimension < 1 || Layers < 1 || Heads < 1) throw new ArgumentException("modelDimension, layers and heads must be ≥ 1", nameof(ModelDimension));
        if (ModelDimension % Heads != 0) throw new ArgumentException($"heads={Heads} must divide modelDimension={ModelDimension}", nameof(Heads));
        if (Context < 2 || BatchSize < 1 || Steps < 1) throw new ArgumentException("context must be ≥ 2, batchSize and steps ≥ 1", nameof(Context));
        if (!double.IsFinite(LearningRate) || LearningRate <= 0) throw new ArgumentException($"learningRate must be positive (got {LearningRate})", nameof(LearningRate));
        if (EvaluationTokens < Context) throw new ArgumentException($"evaluationTokens must be ≥ context={Context}", nameof(EvaluationTokens));
        if (WarmupSteps < 0) throw new ArgumentException($"warmupSteps must be ≥ 0 (got {WarmupSteps})", nameof(WarmupSteps));
    }
}
