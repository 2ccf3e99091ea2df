using ScaleLab.Numerics;

namespace ScaleLab.Tests.Numerics;

public class LinearAlgebraTests
{
    [Fact]
    public void SymmetricEigen_ReconstructsTheMatrix()
    {
        double[,] m = { { 4, 1, 0.5 }, { 1, 3, 0.2 }, { 0.5, 0.2, 1e-9 } };
        var (values, vectors) = SymmetricEigen.Decompose(m);
        Assert.True(values[0] <= values[1] && values[1] <= values[2]);
        for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
        {
            double sum = 0;
            for (int k = 0; k < 3; k++) sum += vectors[i, k] * values[k] * vectors[j, k];
            Assert.Equal(m[i, j], sum, 1e-12);
        }
        var (two, _) = SymmetricEigen.Decompose(new double[,] { { 2, 1 }, { 1, 2 } });
        Assert.Equal(1, two[0], 12);
        Assert.Equal(3, two[1], 12);
    }

    [Fact]
    public void Cholesky_FactorsSolvesAndGivesTheInverseQuadraticForm()
    {
        double[,] a = { { 4, 2, 0.4 }, { 2, 5, 1 }, { 0.4, 1, 3 } };
        var cholesky = Cholesky.TryFactor(a);
        Assert.NotNull(cholesky);
        var l = cholesky!.Lower;
        for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
        {
            double sum = 0;
            for (int k = 0; k < 3; k++) sum += l[i, k] * l[j, k];
            Assert.Equal(a[i, j], sum, 1e-12);
            if (j > i) Assert.Equal(0, l[i, j]);
        }
        double[] b = [1, -2, 0.5];
        var x = cholesky.Solve(b);
        for (int i = 0; i < 3; i++) Assert.Equal(b[i], a[i, 0] * x[0] + a[i, 1] * x[1] + a[i, 2] * x[2], 1e-12);
        Assert.Equal(b[0] * x[0] + b[1] * x[1] + b[2] * x[2], cholesky.InverseQuadraticForm(b), 1e-12);
    }

    [Fact]
    public void Cholesky_IndefiniteMatrix_IsRefused()
    {
        Assert.Null(Cholesky.TryFactor(new double[,] { { 1, 2 }, { 2, 1 } }));
        Assert.Null(Cholesky.TryFactor(new double[,] { { 0, 0 }, { 0, 1 } }));
    }

    [Fact]
    public void NumericalHessian_OfAQuadratic_IsItsMatrix()
    {
        // f(x) = ½xᵀAx has gradient Ax and Hessian A; central differences are exact for it up to rounding.
        double[,] a = { { 3, 1 }, { 1, 2 } };
        var h = NumericalHessian.OfGradient((x, g) =>
        {
            g[0] = a[0, 0] * x[0] + a[0, 1] * x[1];
            g[1] = a[1, 0] * x[0] + a[1, 1] * x[1];
            return 0.5 * (x[0] * g[0] + x[1] * g[1]);
        }, [0.7, -1.3]);
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) Assert.Equal(a[i, j], h[i, j], 1e-8);
    }

    [Fact]
    public void LinearFit_RecoversALineAndItsStatistics()
    {
        double[] x = [0, 1, 2, 3, 4];
        double[] y = [1, 3.1, 4.9, 7.2, 8.8];
        var fit = LinearFit.Of(x, y);
        // Least squares by hand: slope = Sxy/Sxx = 19.7/10, intercept = ȳ − slope·x̄ = 5 − 1.97·2.
        Assert.Equal(1.97, fit.Slope, 12);
        Assert.Equal(1.06, fit.Intercept, 12);
        Assert.InRange(fit.RSquared, 0.99, 1);
        Assert.True(fit.SlopeStandardError > 0);
        Assert.Equal(5, fit.Count);
        Assert.True(double.IsNaN(LinearFit.Of([2, 2, 2], [1, 2, 3]).Slope));
        Assert.True(double.IsNaN(LinearFit.Of([1], [1]).Intercept));
    }
}
