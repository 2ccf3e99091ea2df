using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScaleLab.Training.Language;

/// <summary>
/// Decoder-only transformer language model: token embedding plus learned positions, pre-LayerNorm
/// blocks, a final LayerNorm and an untied output head. Input [batch, length] token ids, output
/// [batch, length, vocabulary] logits.
/// </summary>
internal sealed class TinyTransformer : nn.Module<Tensor, Tensor>
{
    private readonly Embedding _tokens;
    private readonly Embedding _positions;
    private readonly ModuleList<TransformerBlock> _blocks;
    private readonly LayerNorm _norm;
    private readonly Linear _head;

    public TinyTransformer(int vocabulary, int modelDimension, int layers, int heads, int context) : base(nameof(TinyTransformer))
    {
        _tokens = nn.Embedding(vocabulary, modelDimension);
        _positions = nn.Embedding(context, modelDimension);
        _blocks = nn.ModuleList(Enumerable.Range(0, layers).Select(_ => new TransformerBlock(modelDimension, heads)).ToArray());
        _norm = nn.LayerNorm(modelDimension);
        _head = nn.Linear(modelDimension, vocabulary);
        RegisterComponents();
        EmbeddingParameters = (long)(vocabulary + context) * modelDimension;
    }

    /// <summary>Parameters in the token and position embeddings (excluded from Kaplan's N).</summary>
    public long EmbeddingParameters { get; }

    public override Tensor forward(Tensor tokens)
    {
        var positions = torch.arange(tokens.shape[1], dtype: ScalarType.Int64);
        var x = _tokens.forward(tokens) + _positions.forward(positions);
        foreach (var block in _blocks) x = block.forward(x);
        return _head.forward(_norm.forward(x));
    }
}
