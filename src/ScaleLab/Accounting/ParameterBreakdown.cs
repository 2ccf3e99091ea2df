using ScaleLab.Quantities;

namespace ScaleLab.Accounting;

/// <summary>
/// Parameter counts of a transformer under the conventions the literature mixes up (docs/science.md §1):
/// Kaplan's non-embedding N, Chinchilla's total N including embeddings, and for mixtures of experts
/// the total stored versus the active per token (Clark et al. 2022).
/// </summary>
/// <param name="NonEmbedding">Weights of attention and feed-forward blocks, all experts (Kaplan eq. 2.1 generalised).</param>
/// <param name="ActiveNonEmbedding">Non-embedding weights used by one token (top-k experts).</param>
/// <param name="Embedding">Token (and learned position) embeddings, plus the unembedding when untied.</param>
/// <param name="Router">Router weights of MoE layers (d_model·experts per layer; 0 when dense).</param>
/// <remarks>Router is a plain count because it is zero for dense models; every other count is a validated <see cref="ParameterCount"/>.</remarks>
public sealed record ParameterBreakdown(ParameterCount NonEmbedding, ParameterCount ActiveNonEmbedding, ParameterCount Embedding, double Router)
{
    /// <summary>All stored parameters (Chinchilla's N).</summary>
    public ParameterCount Total => ParameterCount.Of(NonEmbedding.Value + Embedding.Value + Router);

    /// <summary>Parameters used per token including embeddings.</summary>
    public ParameterCount Active => ParameterCount.Of(ActiveNonEmbedding.Value + Embedding.Value + Router);

    /// <summary>Active non-embedding parameters plus the router: the N of Kaplan's per-token FLOP count.</summary>
    public ParameterCount ActiveNonEmbeddingWithRouter => ParameterCount.Of(ActiveNonEmbedding.Value + Router);

    /// <summary>Counts the parameters of <paramref name="shape"/>. Biases and layer norms are excluded, as in Kaplan eq. 2.1.</summary>
    public static ParameterBreakdown Of(TransformerShape shape)
    {
        shape.Validated();
        double layers = shape.Layers, d = shape.DModel;
        // Per layer: Q, K, V and output projections (4·d_model·d_attn) and 2·d_model·d_ff per expert.
        double attention = 4.0 * d * shape.DAttn;
        double expert = 2.0 * d * shape.DFf;
        double nonEmbedding = layers * (attention + shape.Experts * expert);
        double active = layers * (attention + shape.ActiveExperts * expert);
        double embedding = shape.Vocabulary * d * (shape.TiedEmbeddings ? 1 : 2) + (shape.LearnedPositions ? shape.Context * d : 0);
        double router = shape.IsMixtureOfExperts ? layers * d * shape.Experts : 0;
        return new ParameterBreakdown(ParameterCount.Of(nonEmbedding), ParameterCount.Of(active), ParameterCount.Of(embedding), router);
    }
}
