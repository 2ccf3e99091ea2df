namespace ScaleLab.Laws;

/// <summary>
/// Quantities that follow in closed form from a law's fitted parameters and that papers report
/// beside them. For Chinchilla (Hoffmann et al. 2022, arXiv:2203.15556, eq. 4) the compute-optimal
/// frontier N_opt = G·(C/6)^a, D_opt = G⁻¹·(C/6)^b has
/// <code>a = beta/(alpha+beta), b = alpha/(alpha+beta), G = (alpha·A/(beta·B))^(1/(alpha+beta))</code>.
/// Clark et al.'s routed law gives N_cutoff = 10^(−b/c), Ghorbani et al.'s the encoder share p_e/(p_e + p_d), and
/// Gadre et al.'s the compute exponent alpha_C = −b/2 at fixed token multiplier.
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
        else if (law is ClarkRoutedLaw)
        {
            // Clark et al. 2022: the size beyond which more experts stop helping.
            result["N_cutoff"] = ClarkRoutedLaw.Cutoff(parameters["b"], parameters["c"]);
        }
        else if (law is GhorbaniNmtLaw)
        {
            // Ghorbani et al. 2021: the loss-minimising share of a parameter budget given to the encoder.
            result["encoder_share"] = GhorbaniNmtLaw.EncoderShare(parameters["p_e"], parameters["p_d"]);
        }
        else if (law is GadreOvertrainingLaw)
        {
            // Gadre et al. 2024: at a fixed token multiplier the reducible loss falls as C^(−alpha_C).
            result["alpha_C"] = -parameters["b"] / 2;
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
