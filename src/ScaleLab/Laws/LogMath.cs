namespace ScaleLab.Laws;

/// <summary>Scalar helpers the laws share for working in log space without overflow: the logistic function, softplus and a two-term log-sum-exp.</summary>
internal static class LogMath
{
    /// <summary>σ(z) = 1/(1 + e^(−z)), computed on the side that does not overflow.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>softplus(z) = ln(1 + e^z).</summary>
    public static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    /// <summary>ln(e^x + e^y), and the weight e^y/(e^x + e^y) of the second term.</summary>
    public static double LogSumExp(double x, double y, out double weightOfY)
    {
        double m = Math.Max(x, y), ex = Math.Exp(x - m), ey = Math.Exp(y - m), s = ex + ey;
        weightOfY = ey / s;
        return m + Math.Log(s);
    }
}
