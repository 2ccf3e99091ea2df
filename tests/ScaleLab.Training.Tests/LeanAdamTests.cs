using ScaleLab.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace ScaleLab.Training.Tests;

public sealed class LeanAdamTests
{
    [Fact]
    public void Step_MatchesTorchAdamOverManySteps()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(3);
        var start = torch.randn([5, 4], dtype: ScalarType.Float64, generator: generator);
        var target = torch.randn([5, 4], dtype: ScalarType.Float64, generator: generator);
        var a = new TorchSharp.Modules.Parameter(start.clone());
        var b = new TorchSharp.Modules.Parameter(start.clone());
        var reference = torch.optim.Adam([a], 1e-2);
        using var lean = new LeanAdam([b], 1e-2);
        for (int step = 0; step < 50; step++)
        {
            reference.zero_grad();
            (a - target).pow(3).abs().sum().backward();
            reference.step();
            lean.ZeroGrad();
            (b - target).pow(3).abs().sum().backward();
            lean.Step();
        }
        Assert.False(a.allclose(start), "the parameters must have moved");
        Assert.True(a.allclose(b, rtol: 1e-10, atol: 1e-12), $"max difference {(a - b).abs().max().item<double>():E2}");
    }
}
