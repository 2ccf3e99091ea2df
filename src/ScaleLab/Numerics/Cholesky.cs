namespace ScaleLab.Numerics;

/// <summary>
/// Cholesky factorisation A = L·Lᵀ of a small symmetric positive-definite matrix (Golub &amp; Van Loan 2013,
/// Algorithm 4.2.1), and what it is used for: solving A·x = b and the quadratic form bᵀA⁻¹b = ‖L⁻¹b‖²
/// (the Newton decrement of a fit). Only the lower triangle of A is read.
/// </summary>
public sealed class Cholesky
{
    private readonly double[,] _lower;

    private Cholesky(double[,] lower) => _lower = lower;

    /// <summary>Order of the matrix.</summary>
    public int Size => _lower.GetLength(0);

    /// <summary>The factor L (lower triangular, positive diagonal); a copy.</summary>
    public double[,] Lower => (double[,])_lower.Clone();

    /// <summary>The factorisation of <paramref name="matrix"/>, or null when it is not (numerically) positive definite.</summary>
    public static Cholesky? TryFactor(double[,] matrix)
    {
        int m = matrix.GetLength(0);
        if (matrix.GetLength(1) != m) throw new ArgumentException("the matrix must be square");
        var l = new double[m, m];
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k <= i; k++)
            {
                double sum = matrix[i, k];
                for (int j = 0; j < k; j++) sum -= l[i, j] * l[k, j];
                if (i == k)
                {
                    if (!(sum > 0)) return null;
                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, k] = sum / l[k, k];
                }
            }
        }
        return new Cholesky(l);
    }

    /// <summary>bᵀA⁻¹b, as ‖L⁻¹b‖² by forward substitution.</summary>
    public double InverseQuadraticForm(ReadOnlySpan<double> b)
    {
        var y = ForwardSubstitute(b);
        double sum = 0;
        foreach (var v in y) sum += v * v;
        return sum;
    }

    /// <summary>The solution x of A·x = b.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var x = ForwardSubstitute(b);
        int m = Size;
        for (int i = m - 1; i >= 0; i--)
        {
            double sum = x[i];
            for (int j = i + 1; j < m; j++) sum -= _lower[j, i] * x[j];
            x[i] = sum / _lower[i, i];
        }
        return x;
    }

    private double[] ForwardSubstitute(ReadOnlySpan<double> b)
    {
        int m = Size;
        if (b.Length != m) throw new ArgumentException($"{b.Length} values for a matrix of order {m}");
        var y = new double[m];
        for (int i = 0; i < m; i++)
        {
            double sum = b[i];
            for (int j = 0; j < i; j++) sum -= _lower[i, j] * y[j];
            y[i] = sum / _lower[i, i];
        }
        return y;
    }
}
