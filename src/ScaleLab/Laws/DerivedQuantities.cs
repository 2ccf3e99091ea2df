namespace ScaleLab.Laws;

/// <summary>
/// Quantities that follow in closed form from a law's fitted parameters and that papers report
/// beside them. For Chinchilla (Hoffmann et al. 2022, arXiv:2203.15556, eq. 4) the compute-optimal
/// frontier N_opt = G·(C/6)^a, D_opt = G⁻¹·(C/6)^b has
/// <code>a = beta/(alpha+beta), b = alpha/(alpha+beta), G = (alpha·A/(beta·B))^(1/(alpha+beta))</code>.
/// </summary>
public static class DerivedQuantities
{
    /// <summary>The derived quantities of <paramref name="law"/> at <paramref name="parameters"/> (published names); empty when the law has none.</summary>
    public static IReadOnlyDictionary<string, double> Of(ScalingLaw law, IReadOnlyDictionary<string, double> parameters)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (law is ChinchillaLaw)
        {
            var (a, b, g) = ChinchillaFrontier(parameters["A"], parameters["B"], parameters["alpha"], parameters["beta"]);
            result["a"] = a;
            result["b"] = b;
            result["G"] = g;
        }
        if (law is FormulaScalingLaw formula)
        {
            foreach (var (name, value) in formula.DerivedValues(parameters)) result[name] = value;
        }
        return result;
    }

    /// <summary>Exponents a, b and coefficient G of the Chinchilla compute-optimal frontier (Hoffmann et al. 2022 eq. 4).</summary>
    public static (double A, double B, double G) ChinchillaFrontier(double bigA, double bigB, double alpha, double beta)
    {
        double sum = alpha + beta;
        return (beta / sum, alpha / sum, Math.Pow(alpha * bigA / (beta * bigB), 1 / sum));
    }
}
