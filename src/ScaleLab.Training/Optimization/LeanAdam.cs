using TorchSharp;
using static TorchSharp.torch;

namespace ScaleLab.Training.Optimization;

/// <summary>
/// Adam (Kingma &amp; Ba 2015, PyTorch's defaults: no weight decay, no AMSGrad) written with five
/// native calls per parameter. Small models are bound by per-call overhead rather than arithmetic,
/// and TorchSharp's <c>optim.Adam</c> makes about twice as many calls per parameter; this keeps
/// the small-width MLP steps as fast as PyTorch's.
///   m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − lr·(m/b₁) / (√(v/b₂) + ε),  b_k = 1 − β_kᵗ,
/// computed as p ← p − (lr·√b₂/b₁)·m / (√v + ε·√b₂).
/// </summary>
internal sealed class LeanAdam : IDisposable
{
    private readonly Tensor[] parameters;
    private readonly Tensor[] firstMoments;
    private readonly Tensor[] secondMoments;
    private readonly double learningRate, beta1, beta2, epsilon;
    private long step;

    public LeanAdam(IEnumerable<Tensor> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        this.parameters = parameters.ToArray();
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        firstMoments = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        secondMoments = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Zeroes the gradients in place (keeps their storage for the next backward pass).</summary>
    public void ZeroGrad()
    {
        foreach (var p in parameters) p.grad?.zero_();
    }

    /// <summary>One Adam update from the current gradients.</summary>
    public void Step()
    {
        step++;
        double b1 = 1 - Math.Pow(beta1, step), b2 = 1 - Math.Pow(beta2, step), rootB2 = Math.Sqrt(b2);
        using var scope = torch.NewDisposeScope();
        using (torch.no_grad())
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                var g = parameters[i].grad;
                if (g is null) continue;
                firstMoments[i].lerp_(g, 1 - beta1);
                secondMoments[i].mul_(beta2).addcmul_(g, g, 1 - beta2);
                parameters[i].addcdiv_(firstMoments[i], secondMoments[i].sqrt().add_(epsilon * rootB2), -learningRate * rootB2 / b1);
            }
        }
    }

    public void Dispose()
    {
        foreach (var t in firstMoments) t.Dispose();
        foreach (var t in secondMoments) t.Dispose();
    }
}
