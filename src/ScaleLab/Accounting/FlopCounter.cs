using ScaleLab.Quantities;

namespace ScaleLab.Accounting;

/// <summary>
/// FLOP counts per token for a <see cref="TransformerShape"/> under the three conventions of the
/// literature. They differ by 5–60% for small models (Hoffmann Table A4; Porian et al. 2024 found the
/// omitted head FLOPs alone move the fitted allocation exponent from 0.86 to 0.70), so every
/// result says which one it used.
/// </summary>
public static class FlopCounter
{
    /// <summary>The per-token count under <paramref name="convention"/>.</summary>
    /// <param name="shape">The model.</param>
    /// <param name="convention">Which count.</param>
    /// <param name="includeEmbeddings">App. F only: count the input-embedding products (2·vocab·d_model).</param>
    /// <param name="includeLogits">App. F only: count the final logits (2·d_model·vocab).</param>
    public static FlopEstimate PerToken(TransformerShape shape, FlopConvention convention, bool includeEmbeddings = true, bool includeLogits = true)
    {
        var p = ParameterBreakdown.Of(shape);
        double d = shape.DModel, layers = shape.Layers, ctx = shape.Context, vocab = shape.Vocabulary, dAttn = shape.DAttn;
        double activeNonEmbedding = p.ActiveNonEmbeddingWithRouter.Value;
        // Kaplan Table 1: embed 4·d_model, de-embed 2·d_model·n_vocab; both left out of C.
        double kaplanExcluded = 4 * d + 2 * d * vocab;
        switch (convention)
        {
            case FlopConvention.SixND:
                return new FlopEstimate(convention, Flops.Of(2 * activeNonEmbedding), Flops.Of(6 * activeNonEmbedding), kaplanExcluded,
                    "C = 6·N·D, N = active non-embedding parameters (Kaplan et al. 2020 §2.1)");
            case FlopConvention.Kaplan:
            {
                double forward = 2 * activeNonEmbedding + 2 * layers * ctx * dAttn;
                return new FlopEstimate(convention, Flops.Of(forward), Flops.Of(3 * forward), kaplanExcluded,
                    "forward = 2N + 2·n_layer·n_ctx·d_attn per token, training = 3× forward (Kaplan et al. 2020 eq. 2.2)");
            }
            case FlopConvention.Hoffmann:
            {
                // App. F per sequence of length ctx, divided by ctx; key_size·heads = d_attn.
                double heads = shape.HeadCount;
                double qkv = 2 * 3 * d * dAttn;
                double logits = 2 * ctx * dAttn;
                double softmax = 3 * heads * ctx;
                double values = 2 * ctx * dAttn;
                double projection = 2 * dAttn * d;
                double dense = shape.ActiveExperts * 2 * (d * shape.DFf + d * shape.DFf);
                double router = shape.IsMixtureOfExperts ? 2 * d * shape.Experts : 0;
                double perLayer = qkv + logits + softmax + values + projection + dense + router;
                double embeddings = 2 * vocab * d;
                double finalLogits = 2 * d * vocab;
                double forward = layers * perLayer + (includeEmbeddings ? embeddings : 0) + (includeLogits ? finalLogits : 0);
                double excluded = (includeEmbeddings ? 0 : embeddings) + (includeLogits ? 0 : finalLogits);
                string parts = (includeEmbeddings, includeLogits) switch
                {
                    (true, true) => "with embeddings and logits",
                    (true, false) => "with embeddings, without logits",
                    (false, true) => "without embeddings, with logits",
                    _ => "without embeddings and logits",
                };
                return new FlopEstimate(convention, Flops.Of(forward), Flops.Of(3 * forward), excluded,
                    $"every matrix product incl. attention and softmax, {parts}; training = 3× forward (Hoffmann et al. 2022 App. F)");
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(convention));
        }
    }
}
