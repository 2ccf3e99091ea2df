namespace ScaleLab.Numerics;

/// <summary>
/// Eigen-decomposition of a small symmetric matrix by the cyclic Jacobi method (Golub &amp; Van Loan
/// 2013, §8.5): plane rotations annihilate off-diagonal entries until they are negligible. Accurate
/// to working precision even for tiny eigenvalues, which is what identifiability checks look at.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>
    /// Eigenvalues in ascending order and the matching unit eigenvectors as columns
    /// (<c>vectors[i, k]</c> is component i of eigenvector k).
    /// </summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] matrix)
    {
        int n = matrix.GetLength(0);
        if (matrix.GetLength(1) != n) throw new ArgumentException("the matrix must be square");
        var a = (double[,])matrix.Clone();
        var v = new double[n, n];
        for (int i = 0; i < n; i++) v[i, i] = 1;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, total = 0;
            for (int p = 0; p < n; p++)
            for (int q = 0; q < n; q++)
            {
                total += a[p, q] * a[p, q];
                if (p != q) off += a[p, q] * a[p, q];
            }
            if (off <= 1e-30 * total || off == 0) break;
            for (int p = 0; p < n - 1; p++)
            for (int q = p + 1; q < n; q++)
            {
                if (a[p, q] == 0) continue;
                double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                if (theta == 0) t = 1;
                double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                for (int k = 0; k < n; k++)
                {
                    double akp = a[k, p], akq = a[k, q];
                    a[k, p] = c * akp - s * akq;
                    a[k, q] = s * akp + c * akq;
                }
                for (int k = 0; k < n; k++)
                {
                    double apk = a[p, k], aqk = a[q, k];
                    a[p, k] = c * apk - s * aqk;
                    a[q, k] = s * apk + c * aqk;
                }
                for (int k = 0; k < n; k++)
                {
                    double vkp = v[k, p], vkq = v[k, q];
                    v[k, p] = c * vkp - s * vkq;
                    v[k, q] = s * vkp + c * vkq;
                }
            }
        }
        // Ascending eigenvalues, ties in index order (a stable insertion sort: n is small, and LINQ over ints and
        // doubles would be compiled at start-up).
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            int k = i;
            while (k > 0 && a[order[k - 1], order[k - 1]].CompareTo(a[i, i]) > 0)
            {
                order[k] = order[k - 1];
                k--;
            }
            order[k] = i;
        }
        var values = new double[n];
        for (int k = 0; k < n; k++) values[k] = a[order[k], order[k]];
        var vectors = new double[n, n];
        for (int k = 0; k < n; k++)
        for (int i = 0; i < n; i++)
            vectors[i, k] = v[i, order[k]];
        return (values, vectors);
    }
}
