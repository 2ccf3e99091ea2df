using ScaleLab.Training.Specs;

namespace ScaleLab.Training.Language;

/// <summary>Where a language model's tokens come from: a Markov source or the bytes of a text file.</summary>
internal sealed class TokenStream
{
    private readonly MarkovSource? markov;
    private readonly long evaluationSeed;
    private readonly byte[]? text;
    private readonly int trainLength;

    private TokenStream(MarkovSource? markov, long evaluationSeed, byte[]? text)
    {
        this.markov = markov;
        this.evaluationSeed = evaluationSeed;
        this.text = text;
        trainLength = text is null ? 0 : (int)(text.Length * 0.9);
    }

    public int Vocabulary => markov?.Vocabulary ?? 256;

    /// <summary>H in nats/token for a Markov source; null for text.</summary>
    public double? EntropyRate => markov?.EntropyRate;

    /// <summary>Bytes per token for text (1: byte-level); null for a Markov source, whose tokens are not bytes.</summary>
    public double? BytesPerToken => text is null ? null : 1.0;

    public static TokenStream Open(TransformerLmSpec spec)
    {
        if (spec.Markov is { } m)
        {
            // The held-out set depends only on the source, so every run of a study is scored on the same tokens.
            return new TokenStream(MarkovSource.Create(m), m.Seed, null);
        }
        var bytes = File.ReadAllBytes(spec.TextPath!);
        int needed = 2 * (spec.Context + 1);
        if (bytes.Length * 0.1 < needed) throw new ArgumentException($"{spec.TextPath}: {bytes.Length} bytes is too short for context {spec.Context} (the last 10% must hold two windows)", nameof(spec));
        return new TokenStream(null, 0, bytes);
    }

    /// <summary>Fills destination with windows of <paramref name="window"/> tokens: fresh Markov sequences or random spans of the training text.</summary>
    public void FillTraining(Random random, long[] destination, int window)
    {
        for (int row = 0; row < destination.Length / window; row++)
        {
            var span = destination.AsSpan(row * window, window);
            if (markov is not null) markov.Sample(random, span);
            else
            {
                int start = random.Next(trainLength - window + 1);
                for (int t = 0; t < window; t++) span[t] = text![start + t];
            }
        }
    }

    /// <summary>Non-overlapping held-out windows holding at least EvaluationTokens predicted tokens (text: as many as the held-out 10% has).</summary>
    public long[] EvaluationWindows(TransformerLmSpec spec, int window)
    {
        int count = (spec.EvaluationTokens + spec.Context - 1) / spec.Context;
        if (markov is not null)
        {
            var random = new Random(unchecked((int)TrainingSeeds.Derive(evaluationSeed, 0, 3)));
            var result = new long[count * window];
            for (int row = 0; row < count; row++) markov.Sample(random, result.AsSpan(row * window, window));
            return result;
        }
        int available = (text!.Length - trainLength) / window;
        count = Math.Min(count, available);
        var windows = new long[count * window];
        for (int i = 0; i < windows.Length; i++) windows[i] = text[trainLength + i];
        return windows;
    }
}
