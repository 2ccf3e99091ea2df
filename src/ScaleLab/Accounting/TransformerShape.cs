namespace ScaleLab.Accounting;

/// <summary>
/// The shape of a decoder-only transformer, as the accounting formulas of Kaplan et al. 2020
/// (Table 1) and Hoffmann et al. 2022 (App. F) need it. Optional sizes take the usual defaults:
/// d_attn = d_model, d_ff = 4·d_model, key size = d_model / heads. Mixture-of-experts layers (Clark
/// et al. 2022) replace every feed-forward block by <see cref="Experts"/> copies of which
/// <see cref="ActiveExperts"/> run per token.
/// </summary>
public sealed record TransformerShape
{
    /// <summary>Creates a shape; every size must be a positive integer.</summary>
    public TransformerShape(int layers, int dModel, int context, int vocabulary)
    {
        Layers = Positive(layers, "layers");
        DModel = Positive(dModel, "d_model");
        Context = Positive(context, "context");
        Vocabulary = Positive(vocabulary, "vocabulary");
    }

    /// <summary>n_layer.</summary>
    public int Layers { get; }

    /// <summary>d_model (residual stream width).</summary>
    public int DModel { get; }

    /// <summary>n_ctx (sequence length).</summary>
    public int Context { get; }

    /// <summary>n_vocab.</summary>
    public int Vocabulary { get; }

    /// <summary>d_attn = heads·key size (default d_model).</summary>
    public int? AttentionDim { get; init; }

    /// <summary>d_ff (default 4·d_model).</summary>
    public int? FeedForward { get; init; }

    /// <summary>Attention heads (default d_model / 64, at least 1); only the App. F softmax term uses it.</summary>
    public int? Heads { get; init; }

    /// <summary>Experts per feed-forward layer (1 = dense).</summary>
    public int Experts { get; init; } = 1;

    /// <summary>Experts each token is routed to (top-k).</summary>
    public int ActiveExperts { get; init; } = 1;

    /// <summary>True when the output (unembedding) matrix shares the input embedding (GPT-2, Kaplan).</summary>
    public bool TiedEmbeddings { get; init; } = true;

    /// <summary>True when positions have a learned embedding table of n_ctx·d_model.</summary>
    public bool LearnedPositions { get; init; } = true;

    /// <summary>d_attn as used.</summary>
    public int DAttn => AttentionDim ?? DModel;

    /// <summary>d_ff as used.</summary>
    public int DFf => FeedForward ?? 4 * DModel;

    /// <summary>Heads as used.</summary>
    public int HeadCount => Heads ?? Math.Max(1, DModel / 64);

    /// <summary>True for a mixture of experts.</summary>
    public bool IsMixtureOfExperts => Experts > 1;

    /// <summary>Checks the MoE sizes: 1 ≤ active ≤ experts.</summary>
    public TransformerShape Validated()
    {
        if (Experts < 1) throw new ArgumentOutOfRangeException(nameof(Experts), $"{Experts} experts: need at least 1");
        if (ActiveExperts < 1 || ActiveExperts > Experts)
        {
            throw new ArgumentOutOfRangeException(nameof(ActiveExperts), $"{ActiveExperts} active experts: need 1 ≤ active ≤ experts ({Experts})");
        }
        if (AttentionDim is <= 0) throw new ArgumentOutOfRangeException(nameof(AttentionDim), "d_attn must be positive");
        if (FeedForward is <= 0) throw new ArgumentOutOfRangeException(nameof(FeedForward), "d_ff must be positive");
        if (Heads is <= 0) throw new ArgumentOutOfRangeException(nameof(Heads), "heads must be positive");
        return this;
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, $"{value} is not a positive size ({name} must be > 0)");
}
