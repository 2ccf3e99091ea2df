using ScaleLab.Diagnostics;
using ScaleLab.Quantities;

namespace ScaleLab.Planning;

/// <summary>
/// Kaplan et al. 2020 ("Scaling Laws for Neural Language Models", arXiv:2001.08361) with the
/// published constants: the single-variable laws (eqs. 1.1–1.3), the joint L(N, D)
/// (eq. 1.5, Table 2), the critical batch size (eq. 1.4), the compute-efficient frontier
/// (eqs. 1.7–1.8 predicted, eqs. 6.1–6.2 / Table 6 empirical: N ∝ C_min^0.73) and the Appendix B
/// identities. N is non-embedding parameters; compute in PF-days where Kaplan states it so.
/// Kept as published for comparison: Hoffmann et al. 2022 and Porian et al. 2024 explain why this
/// frontier allocates too many parameters.
/// </summary>
public static class KaplanFrontier
{
    /// <summary>1 PF-day = 1e15·24·3600 FLOPs.</summary>
    public const double PetaflopDay = 8.64e19;

    /// <summary>alpha_N = 0.076 (Table 5).</summary>
    public const double AlphaN = 0.076;

    /// <summary>N_c = 8.8e13 non-embedding parameters (Table 5).</summary>
    public const double Nc = 8.8e13;

    /// <summary>alpha_D = 0.095 (Table 5).</summary>
    public const double AlphaD = 0.095;

    /// <summary>D_c = 5.4e13 tokens (Table 5).</summary>
    public const double Dc = 5.4e13;

    /// <summary>alpha_C^min = 0.050 (Table 5).</summary>
    public const double AlphaCMin = 0.050;

    /// <summary>C_c^min = 3.1e8 PF-days (Table 5).</summary>
    public const double CcMin = 3.1e8;

    /// <summary>alpha_B = 0.21 (eq. 1.4).</summary>
    public const double AlphaB = 0.21;

    /// <summary>B* = 2e8 tokens (eq. 1.4; Table 5 gives 2.1e8).</summary>
    public const double BStar = 2e8;

    /// <summary>alpha_S = 0.76 (Table 3).</summary>
    public const double AlphaS = 0.76;

    /// <summary>S_c = 2.1e3 steps (Table 3).</summary>
    public const double Sc = 2.1e3;

    /// <summary>Joint-law constants (Table 2): alpha_N, alpha_D, N_c, D_c.</summary>
    public static (double AlphaN, double AlphaD, double Nc, double Dc) Joint { get; } = (0.076, 0.103, 6.4e13, 1.8e13);

    /// <summary>L(N) = (N_c/N)^alpha_N, converged (eq. 1.1).</summary>
    public static double LossOfParameters(double n) => Math.Pow(Nc / n, AlphaN);

    /// <summary>L(D) = (D_c/D)^alpha_D, early-stopped (eq. 1.2).</summary>
    public static double LossOfTokens(double d) => Math.Pow(Dc / d, AlphaD);

    /// <summary>L(C_min) = (C_c^min/C_min)^alpha_C^min with C_min in PF-days (eq. 1.3).</summary>
    public static double LossOfMinimumCompute(double pfDays) => Math.Pow(CcMin / pfDays, AlphaCMin);

    /// <summary>L(N, D) = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D with Table 2 constants (eq. 1.5).</summary>
    public static double JointLoss(double n, double d)
    {
        var (aN, aD, nc, dc) = Joint;
        return Math.Pow(Math.Pow(nc / n, aN / aD) + dc / d, aD);
    }

    /// <summary>Overfitting δL = L(N, D)/L(N, ∞) − 1 (eq. 4.3).</summary>
    public static double Overfitting(double n, double d)
    {
        var (aN, aD, nc, dc) = Joint;
        return Math.Pow(1 + Math.Pow(n / nc, aN / aD) * dc / d, aD) - 1;
    }

    /// <summary>B_crit(L) = B*/L^(1/alpha_B) tokens (eq. 1.4).</summary>
    public static double CriticalBatch(double loss, double bStar = BStar) => bStar * Math.Pow(loss, -1 / AlphaB);

    /// <summary>Predicted alpha_C^min = 1/(1/alpha_S + 1/alpha_B + 1/alpha_N) (eq. 1.7–1.8).</summary>
    public static double PredictedAlphaCMin => 1 / (1 / AlphaS + 1 / AlphaB + 1 / AlphaN);

    /// <summary>Predicted exponents of N, B and S in C_min (eq. 1.7–1.8): alpha_C^min divided by alpha_N, alpha_B, alpha_S.</summary>
    public static (double N, double B, double S) PredictedExponents => (PredictedAlphaCMin / AlphaN, PredictedAlphaCMin / AlphaB, PredictedAlphaCMin / AlphaS);

    /// <summary>Empirical N_opt = 1.3e9·C_min^0.73 (C_min in PF-days; eq. 6.1, Table 6).</summary>
    public static double OptimalParameters(double pfDays) => 1.3e9 * Math.Pow(pfDays, 0.73);

    /// <summary>Empirical B = 2.0e6·C_min^0.24 tokens (Table 6).</summary>
    public static double OptimalBatch(double pfDays) => 2.0e6 * Math.Pow(pfDays, 0.24);

    /// <summary>Empirical S_min = 5.4e3·C_min^0.03 steps (Table 6).</summary>
    public static double MinimumSteps(double pfDays) => 5.4e3 * Math.Pow(pfDays, 0.03);

    /// <summary>Empirical D_opt = 2e10·C_min^0.27 tokens (eq. 6.2, Table 6).</summary>
    public static double OptimalTokens(double pfDays) => 2e10 * Math.Pow(pfDays, 0.27);

    /// <summary>Size ratio for convergence factors f and f′: ((1+f)/(1+f′))^(1/alpha_N) (B.12).</summary>
    public static double ConvergenceSizeRatio(double f, double fPrime) => Math.Pow((1 + f) / (1 + fPrime), 1 / AlphaN);

    /// <summary>Steps ratio for convergence factors f and f′: ((1 + 1/f)/(1 + 1/f′))^(1/alpha_S) (B.13).</summary>
    public static double ConvergenceStepsRatio(double f, double fPrime) => Math.Pow((1 + 1 / f) / (1 + 1 / fPrime), 1 / AlphaS);

    /// <summary>Excess compute of training N = r·N_eff instead of N_eff to the same loss (B.16).</summary>
    public static double ExcessCompute(double sizeRatio) => sizeRatio * StepsRatio(sizeRatio);

    /// <summary>Steps ratio for N = r·N_eff (B.17): [1 + (alpha_S/alpha_N)(1 − r^−alpha_N)]^(−1/alpha_S).</summary>
    public static double StepsRatio(double sizeRatio) => Math.Pow(1 + AlphaS / AlphaN * (1 - Math.Pow(sizeRatio, -AlphaN)), -1 / AlphaS);

    /// <summary>C_c from Table 3 constants (B.8), in FLOPs: 6·N_c·B*·S_c·(1 + alpha_N/alpha_S)^(1/alpha_S + 1/alpha_N)·(alpha_S/alpha_N)^(1/alpha_S).</summary>
    public static double CcFromConstants(double nc = 6.5e13, double bStar = BStar, double sc = Sc) =>
        6 * nc * bStar * sc * Math.Pow(1 + AlphaN / AlphaS, 1 / AlphaS + 1 / AlphaN) * Math.Pow(AlphaS / AlphaN, 1 / AlphaS);

    /// <summary>
    /// Kaplan's empirical compute-efficient allocation of <paramref name="compute"/> FLOPs (read as C_min):
    /// N from Table 6, D = C/(6N) so the plan spends exactly its budget, loss from the joint law.
    /// </summary>
    public static Plan Plan(double compute)
    {
        Quantity.RequirePositive(compute, "compute");
        double pfDays = compute / PetaflopDay;
        double n = OptimalParameters(pfDays);
        double d = compute / (6 * n);
        return new Plan
        {
            Kind = PlanKind.KaplanFrontier, Law = "kaplan-frontier", Status = PlanStatus.SolvedWithWarnings,
            Method = "Kaplan et al. 2020 eq. 6.1: N = 1.3e9·(C/PF-day)^0.73, D = C/(6N); loss from the joint L(N, D) of Table 2",
            Compute = compute, Parameters = n, Tokens = d, Loss = JointLoss(n, d),
            Diagnostics =
            [
                Diagnostic.Warning("superseded",
                    "Kaplan's frontier counts non-embedding parameters and used a fixed LR horizon; Hoffmann et al. 2022 and Porian et al. 2024 find N ∝ C^0.5 instead"),
            ],
        };
    }
}
