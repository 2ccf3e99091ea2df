namespace ScaleLab.Uncertainty;

/// <summary>
/// The few distribution functions interval methods and tests need: normal CDF and quantile,
/// and chi-square survival and quantile (sample quantiles are <see cref="Numerics.Quantile"/>).
/// </summary>
public static class StatisticalFunctions
{
    /// <summary>Standard normal CDF Φ(z), accurate to about 1e-15 relative (via erfc).</summary>
    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>
    /// Standard normal quantile Φ⁻¹(p) for 0 &lt; p &lt; 1: Acklam's rational approximation
    /// (relative error 1.15e-9) polished by one Halley step on <see cref="NormalCdf"/>.
    /// </summary>
    public static double NormalQuantile(double p)
    {
        if (p <= 0) return double.NegativeInfinity;
        if (p >= 1) return double.PositiveInfinity;
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        double x;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        else if (p <= 1 - low)
        {
            double q = p - 0.5, r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }
        else
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double e = NormalCdf(x) - p;
        double u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    /// <summary>P(X &gt; x) for X ~ χ²(df): the regularized upper incomplete gamma Q(df/2, x/2).</summary>
    public static double ChiSquareSurvival(double x, double df)
    {
        if (x <= 0) return 1;
        return RegularizedGammaQ(df / 2, x / 2);
    }

    /// <summary>The χ²(df) quantile: x with P(X ≤ x) = p, by bisection on the CDF in log x.</summary>
    public static double ChiSquareQuantile(double p, double df)
    {
        if (df == 1)
        {
            double z = NormalQuantile(0.5 + p / 2);
            return z * z;
        }
        double lo = 1e-12, hi = Math.Max(1, df) * 10;
        while (1 - ChiSquareSurvival(hi, df) < p) hi *= 2;
        for (int i = 0; i < 200; i++)
        {
            double mid = Math.Sqrt(lo * hi);
            if (1 - ChiSquareSurvival(mid, df) < p) lo = mid; else hi = mid;
            if (hi / lo - 1 < 1e-13) break;
        }
        return Math.Sqrt(lo * hi);
    }

    /// <summary>Complementary error function, through erfc(x) = Q(1/2, x²) so that tails keep full relative precision.</summary>
    public static double Erfc(double x)
    {
        if (x >= 0) return x == 0 ? 1 : RegularizedGammaQ(0.5, x * x);
        return 2 - RegularizedGammaQ(0.5, x * x);
    }

    /// <summary>Q(a, x) = Γ(a, x)/Γ(a): series for x &lt; a + 1, Lentz continued fraction otherwise.</summary>
    private static double RegularizedGammaQ(double a, double x)
    {
        if (x <= 0) return 1;
        double lnPre = -x + a * Math.Log(x) - LogGamma(a);
        if (x < a + 1)
        {
            double sum = 1 / a, term = sum, ap = a;
            for (int n = 0; n < 1000; n++)
            {
                ap += 1;
                term *= x / ap;
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-17) break;
            }
            return 1 - sum * Math.Exp(lnPre);
        }
        const double tiny = 1e-300;
        double bb = x + 1 - a, cc = 1 / tiny, dd = 1 / bb, h = dd;
        for (int i = 1; i < 1000; i++)
        {
            double an = -i * (i - a);
            bb += 2;
            dd = an * dd + bb; if (Math.Abs(dd) < tiny) dd = tiny;
            cc = bb + an / cc; if (Math.Abs(cc) < tiny) cc = tiny;
            dd = 1 / dd;
            double del = dd * cc;
            h *= del;
            if (Math.Abs(del - 1) < 1e-16) break;
        }
        return Math.Exp(lnPre) * h;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, n = 9; relative error about 1e-15).</summary>
    private static double LogGamma(double x)
    {
        double[] g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double s = g[0];
        for (int i = 1; i < 9; i++) s += g[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(s);
    }
}
