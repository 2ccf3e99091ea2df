using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScaleLab.Training.Language;

/// <summary>
/// One pre-LayerNorm decoder block: x + attn(LN(x)), then x + MLP(LN(x)) with a 4× GELU MLP.
/// Causal multi-head self-attention is written out (scores, mask, softmax) so its FLOPs are plain.
/// </summary>
internal sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm _attentionNorm;
    private readonly Linear _qkv;
    private readonly Linear _projection;
    private readonly LayerNorm _mlpNorm;
    private readonly Linear _expand;
    private readonly Linear _contract;
    private readonly int _heads;

    public TransformerBlock(int modelDimension, int heads) : base(nameof(TransformerBlock))
    {
        _heads = heads;
        _attentionNorm = nn.LayerNorm(modelDimension);
        _qkv = nn.Linear(modelDimension, 3 * modelDimension);
        _projection = nn.Linear(modelDimension, modelDimension);
        _mlpNorm = nn.LayerNorm(modelDimension);
        _expand = nn.Linear(modelDimension, 4 * modelDimension);
        _contract = nn.Linear(4 * modelDimension, modelDimension);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0], length = x.shape[1], width = x.shape[2], headWidth = width / _heads;
        var qkv = _qkv.forward(_attentionNorm.forward(x)).view(batch, length, 3, _heads, headWidth).permute(2, 0, 3, 1, 4);
        Tensor q = qkv[0], k = qkv[1], v = qkv[2];
        var scores = q.matmul(k.transpose(-2, -1)) * (1.0 / Math.Sqrt(headWidth));
        var future = torch.ones(length, length, dtype: ScalarType.Bool).triu(1);
        var weights = nn.functional.softmax(scores.masked_fill(future, double.NegativeInfinity), -1);
        var attended = weights.matmul(v).transpose(1, 2).contiguous().view(batch, length, width);
        x = x + _projection.forward(attended);
        return x + _contract.forward(nn.functional.gelu(_expand.forward(_mlpNorm.forward(x))));
    }
}
