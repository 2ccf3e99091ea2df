using ScaleLab.Optimization;

namespace ScaleLab.Tests.Optimization;

public class LevenbergMarquardtTests
{
    // Rosenbrock as least squares (Moré, Garbow, Hillstrom 1981, problem 1): r = (10(x2 − x1²), 1 − x1), minimum 0 at (1, 1).
    private static void Rosenbrock(ReadOnlySpan<double> x, Span<double> r, Span<double> j)
    {
        r[0] = 10 * (x[1] - x[0] * x[0]);
        r[1] = 1 - x[0];
        j[0] = -20 * x[0]; j[1] = -1;   // column x1
        j[2] = 10; j[3] = 0;            // column x2
    }

    [Fact]
    public void Minimize_Rosenbrock_ReachesTheExactMinimum()
    {
        var result = new LevenbergMarquardt(2, 2).Minimize(Rosenbrock, [-1.2, 1]);
        Assert.True(result.Converged, result.Exit.ToString());
        Assert.Equal(1, result.X[0], 1e-10);
        Assert.Equal(1, result.X[1], 1e-10);
        Assert.True(result.Value < 1e-20);
    }

    [Fact]
    public void Minimize_WithUpperBound_StopsOnTheBound()
    {
        // With x1 ≤ 0.5 the constrained minimum is at x1 = 0.5, x2 = 0.25.
        var result = new LevenbergMarquardt(2, 2).Minimize(Rosenbrock, [-1.2, 1], [double.NegativeInfinity, double.NegativeInfinity], [0.5, double.PositiveInfinity]);
        Assert.Equal(0.5, result.X[0], 1e-9);
        Assert.Equal(0.25, result.X[1], 1e-9);
        Assert.Equal(0.125, result.Value, 1e-12);
    }

    [Fact]
    public void Minimize_IllConditionedLinearProblem_SolvesWhereNormalEquationsWouldNot()
    {
        // Columns 1 and 1 + 1e-9·t are nearly parallel (condition number ~1e9, ~1e18 for JᵀJ); the exact
        // solution of J x = y is x = (1, 1), which QR recovers (forming JᵀJ would square the condition number).
        const int n = 20;
        var t = Enumerable.Range(0, n).Select(i => i / (double)(n - 1)).ToArray();
        void Residuals(ReadOnlySpan<double> x, Span<double> r, Span<double> j)
        {
            for (int i = 0; i < n; i++)
            {
                double c2 = 1 + 1e-9 * t[i];
                r[i] = x[0] + c2 * x[1] - (2 + 1e-9 * t[i]);
                j[i] = 1;
                j[n + i] = c2;
            }
        }
        var result = new LevenbergMarquardt(n, 2).Minimize(Residuals, [0, 0]);
        Assert.Equal(1, result.X[0], 1e-5);
        Assert.Equal(1, result.X[1], 1e-5);
    }
}
