namespace ScaleLab.Accounting;

/// <summary>How training FLOPs are counted (docs/science.md §1). Output always names the one used.</summary>
public enum FlopConvention
{
    /// <summary>C = 6·N·D with N the active non-embedding parameters (Kaplan §2.1).</summary>
    SixND,

    /// <summary>Kaplan eq. 2.2: forward 2N + 2·n_layer·n_ctx·d_attn per token, training = 3× forward; embeddings excluded.</summary>
    Kaplan,

    /// <summary>Hoffmann et al. App. F: every matrix product incl. attention, softmax, embeddings and logits; training = 3× forward.</summary>
    Hoffmann,
}
