using ScaleLab.Optimization;

namespace ScaleLab.Tests.Optimization;

public class LbfgsMinimizerTests
{
    // f = 1 + ½·10⁸·x², one step from the minimum: the gradient (1e-5) is large relative to f, but the
    // decrease left (5e-19) is far below the rounding error of f = 1. That is convergence, not a failure.
    [Fact]
    public void IllConditionedOptimum_BelowRoundingOfF_IsConverged()
    {
        ObjectiveFunction f = (x, g) =>
        {
            g[0] = 1e8 * x[0];
            return 1 + 0.5 * 1e8 * x[0] * x[0];
        };
        var result = new LbfgsMinimizer(1).Minimize(f, [1e-13]);
        Assert.Equal(OptimizerExit.RoundingLevel, result.Exit);
        Assert.True(result.Converged);
        Assert.Equal(1.0, result.Value);
    }

    // A descent direction the line search cannot follow because f is wrong (its gradient lies): a real
    // failure, with a measurable decrease promised, must stay a failure.
    [Fact]
    public void InconsistentGradient_IsALineSearchFailure()
    {
        ObjectiveFunction f = (x, g) =>
        {
            g[0] = -1; // claims f falls to the right; it rises
            return 1 + x[0] * x[0];
        };
        var result = new LbfgsMinimizer(1).Minimize(f, [0.0]);
        Assert.Equal(OptimizerExit.LineSearchFailed, result.Exit);
        Assert.False(result.Converged);
    }

    [Fact]
    public void Rosenbrock_ConvergesToTheMinimum()
    {
        ObjectiveFunction f = (x, g) =>
        {
            double a = 1 - x[0], b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        };
        var result = new LbfgsMinimizer(2).Minimize(f, [-1.2, 1.0]);
        Assert.True(result.Converged, result.Exit.ToString());
        Assert.Equal(1.0, result.X[0], 6);
        Assert.Equal(1.0, result.X[1], 6);
    }
}
