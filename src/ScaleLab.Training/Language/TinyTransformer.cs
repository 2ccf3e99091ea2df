using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScaleLab.Training.Language;

/// <summary>
/// A decoder-only transformer: token and learned position embeddings, pre-LayerNorm blocks of
/// causal multi-head self-attention and a 4× GELU MLP, a final LayerNorm and an untied output head.
/// Input: token ids [batch, time]; output: logits [batch, time, vocabulary].
/// </summary>
public sealed class TinyTransformer : nn.Module<Tensor, Tensor>
{
    private readonly Embedding tokens;
    private readonly Embedding positions;
    private readonly ModuleList<Block> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;

    /// <summary>Creates the model; weights are set by <see cref="Initialise"/>.</summary>
    public TinyTransformer(int vocabulary, int context, int modelDimension, int layers, int heads) : base(nameof(TinyTransformer))
    {
        tokens = nn.Embedding(vocabulary, modelDimension);
        positions = nn.Embedding(context, modelDimension);
        blocks = new ModuleList<Block>(Enumerable.Range(0, layers).Select(i => new Block($"block{i}", modelDimension, heads)).ToArray());
        norm = nn.LayerNorm(modelDimension);
        head = nn.Linear(modelDimension, vocabulary);
        RegisterComponents();
    }

    /// <summary>Parameters of the two embedding tables (excluded from Kaplan's non-embedding N).</summary>
    public long EmbeddingParameters => tokens.weight!.numel() + positions.weight!.numel();

    /// <summary>GPT-2 style initialisation from a seeded generator: N(0, 0.02) weights, zero biases, unit LayerNorm gains.</summary>
    public void Initialise(torch.Generator generator)
    {
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in named_parameters())
            {
                if (name.Contains("norm", StringComparison.Ordinal)) parameter.fill_(name.EndsWith("weight", StringComparison.Ordinal) ? 1 : 0);
                else if (name.EndsWith("bias", StringComparison.Ordinal)) parameter.zero_();
                else parameter.normal_(0, 0.02, generator);
            }
        }
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        long time = input.shape[1];
        var x = tokens.call(input) + positions.call(torch.arange(time, device: input.device));
        foreach (var block in blocks) x = block.call(x);
        return head.call(norm.call(x));
    }

    /// <summary>One pre-LayerNorm transformer block.</summary>
    private sealed class Block : nn.Module<Tensor, Tensor>
    {
        private readonly LayerNorm norm1;
        private readonly Linear qkv;
        private readonly Linear projection;
        private readonly LayerNorm norm2;
        private readonly Linear up;
        private readonly Linear down;
        private readonly int heads;

        public Block(string name, int dimension, int heads) : base(name)
        {
            this.heads = heads;
            norm1 = nn.LayerNorm(dimension);
            qkv = nn.Linear(dimension, 3 * dimension);
            projection = nn.Linear(dimension, dimension);
            norm2 = nn.LayerNorm(dimension);
            up = nn.Linear(dimension, 4 * dimension);
            down = nn.Linear(4 * dimension, dimension);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            long b = x.shape[0], t = x.shape[1], c = x.shape[2], hd = c / heads;
            var parts = qkv.call(norm1.call(x)).view(b, t, 3, heads, hd).permute(2, 0, 3, 1, 4);
            var q = parts[0];
            var k = parts[1];
            var v = parts[2];
            var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(hd);
            var mask = torch.ones(t, t, dtype: ScalarType.Bool, device: x.device).triu(1);
            var attention = scores.masked_fill(mask, double.NegativeInfinity).softmax(-1);
            var mixed = attention.matmul(v).transpose(1, 2).reshape(b, t, c);
            x = x + projection.call(mixed);
            return x + down.call(nn.functional.gelu(up.call(norm2.call(x))));
        }
    }
}
