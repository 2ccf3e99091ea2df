namespace ScaleLab.Design;

/// <summary>
/// The little dense linear algebra experiment selection needs, on row-major p × p matrices held in
/// spans: a Cholesky factorisation, the inverse of a symmetric positive-definite matrix from it, and
/// the rank-one downdate of a covariance by one observation. Kept minimal and private to Design until
/// the shared numerics home takes it.
/// </summary>
internal static class DesignMath
{
    /// <summary>
    /// Overwrites the lower triangle of <paramref name="a"/> (p × p, row-major, symmetric) with its Cholesky
    /// factor L (A = L·Lᵀ); false when A is not positive definite to working precision.
    /// </summary>
    public static bool Cholesky(Span<double> a, int p)
    {
        for (int j = 0; j < p; j++)
        {
            double d = a[j * p + j];
            for (int k = 0; k < j; k++) d -= a[j * p + k] * a[j * p + k];
            if (!(d > 0) || !double.IsFinite(d)) return false;
            double ljj = Math.Sqrt(d);
            a[j * p + j] = ljj;
            for (int i = j + 1; i < p; i++)
            {
                double s = a[i * p + j];
                for (int k = 0; k < j; k++) s -= a[i * p + k] * a[j * p + k];
                a[i * p + j] = s / ljj;
            }
        }
        return true;
    }

    /// <summary>
    /// The inverse of a symmetric positive-definite matrix, written over it; false (and the matrix
    /// destroyed) when it is not positive definite.
    /// </summary>
    public static bool InvertPositiveDefinite(Span<double> a, int p)
    {
        if (!Cholesky(a, p)) return false;
        // Columns of A⁻¹ by forward and back substitution with L, into a scratch copy.
        var inverse = new double[p * p];
        var column = new double[p];
        for (int c = 0; c < p; c++)
        {
            for (int i = 0; i < p; i++)
            {
                double s = i == c ? 1 : 0;
                for (int k = 0; k < i; k++) s -= a[i * p + k] * column[k];
                column[i] = s / a[i * p + i];
            }
            for (int i = p - 1; i >= 0; i--)
            {
                double s = column[i];
                for (int k = i + 1; k < p; k++) s -= a[k * p + i] * column[k];
                column[i] = s / a[i * p + i];
            }
            for (int i = 0; i < p; i++) inverse[i * p + c] = column[i];
        }
        inverse.CopyTo(a);
        return true;
    }

    /// <summary>u = Σ·j for a symmetric p × p matrix Σ; returns jᵀ·Σ·j.</summary>
    public static double Apply(ReadOnlySpan<double> sigma, ReadOnlySpan<double> j, Span<double> u, int p)
    {
        double quadratic = 0;
        for (int a = 0; a < p; a++)
        {
            double s = 0;
            var row = sigma.Slice(a * p, p);
            for (int b = 0; b < p; b++) s += row[b] * j[b];
            u[a] = s;
            quadratic += s * j[a];
        }
        return quadratic;
    }

    /// <summary>
    /// The covariance after one more observation with sensitivity j and noise variance v (Sherman–Morrison in
    /// covariance form): Σ ← Σ − u·uᵀ/(v + jᵀΣj), with u = Σ·j and <paramref name="denominator"/> = v + jᵀΣj.
    /// </summary>
    public static void Downdate(Span<double> sigma, ReadOnlySpan<double> u, double denominator, int p)
    {
        for (int a = 0; a < p; a++)
        {
            double f = u[a] / denominator;
            var row = sigma.Slice(a * p, p);
            for (int b = 0; b < p; b++) row[b] -= f * u[b];
        }
    }
}
