using ScaleLab.Planning;

namespace ScaleLab.Tests.Planning;

public class KaplanFrontierTests
{
    private static void Rel(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual / expected - 1) <= tolerance, $"expected {expected:G7}, got {actual:G7}");

    // docs/science.md V1 (Kaplan et al. 2020 eq. 1.1, Table 5).
    [Fact]
    public void LossOfParameters_MatchesV1()
    {
        Rel(2.3756, KaplanFrontier.LossOfParameters(1e9), 1e-4);
        Rel(4.0159, KaplanFrontier.LossOfParameters(1e6), 1e-4);
        Rel(2.8300, KaplanFrontier.LossOfParameters(1e8), 1e-4);
        Rel(1.9943, KaplanFrontier.LossOfParameters(1e10), 1e-4);
        Rel(0.94868, KaplanFrontier.LossOfParameters(2e9) / KaplanFrontier.LossOfParameters(1e9), 1e-4);
        Rel(0.83946, KaplanFrontier.LossOfParameters(1e10) / KaplanFrontier.LossOfParameters(1e9), 1e-4);
    }

    // docs/science.md V2 (eqs. 1.2, 1.3).
    [Fact]
    public void LossOfTokensAndCompute_MatchV2()
    {
        Rel(2.8156, KaplanFrontier.LossOfTokens(1e9), 1e-4);
        Rel(2.2624, KaplanFrontier.LossOfTokens(1e10), 1e-4);
        Rel(2.6581, KaplanFrontier.LossOfMinimumCompute(1), 1e-4);
        Rel(4.2128, KaplanFrontier.LossOfMinimumCompute(1e-4), 1e-4);
        Rel(1.6771, KaplanFrontier.LossOfMinimumCompute(1e4), 1e-4);
        Assert.Equal(8.64e19, KaplanFrontier.PetaflopDay);
    }

    // docs/science.md V3 (eq. 1.5, Table 2; eq. 4.3, 4.4).
    [Fact]
    public void JointLaw_MatchesV3()
    {
        Rel(2.4197, KaplanFrontier.JointLoss(1e9, 1e10), 1e-4);
        Rel(2.9567, KaplanFrontier.JointLoss(1e8, 1e9), 1e-4);
        Rel(2.3188, KaplanFrontier.JointLoss(1e9, double.PositiveInfinity), 1e-4);
        Rel(0.02099, KaplanFrontier.Overfitting(1e9, 2.29e10), 1e-3);
        Rel(2.285e10, 5e3 * Math.Pow(1e9, 0.74), 1e-3);
    }

    // docs/science.md V5 (eq. 1.4).
    [Fact]
    public void CriticalBatch_MatchesV5()
    {
        Rel(1.069e6, KaplanFrontier.CriticalBatch(3), 1e-3);
        Rel(7.371e6, KaplanFrontier.CriticalBatch(2), 1e-3);
        Rel(2.717e5, KaplanFrontier.CriticalBatch(4), 1e-3);
        Rel(1.123e6, KaplanFrontier.CriticalBatch(3, 2.1e8), 1e-3);
    }

    // docs/science.md V6 (eqs. 1.7–1.8 and Table 6).
    [Fact]
    public void ComputeEfficientAllocation_MatchesV6()
    {
        Rel(0.051987, KaplanFrontier.PredictedAlphaCMin, 1e-3);
        var (n, b, s) = KaplanFrontier.PredictedExponents;
        Rel(0.68404, n, 1e-3);
        Rel(0.24756, b, 1e-3);
        Rel(0.068404, s, 1e-3);
        Rel(2.013e11, KaplanFrontier.OptimalParameters(1e3), 1e-3);
        Rel(1.050e7, KaplanFrontier.OptimalBatch(1e3), 1e-3);
        Rel(6643, KaplanFrontier.MinimumSteps(1e3), 1e-3);
        Rel(1.291e11, KaplanFrontier.OptimalTokens(1e3), 1e-3);
        var plan = KaplanFrontier.Plan(1e3 * KaplanFrontier.PetaflopDay);
        Rel(2.013e11, plan.Parameters, 1e-3);
        Rel(1e3 * KaplanFrontier.PetaflopDay, 6 * plan.Parameters * plan.Tokens, 1e-14);
        // N ∝ C^0.73 along the frontier.
        Rel(Math.Pow(10, 0.73), KaplanFrontier.Plan(1e24).Parameters / KaplanFrontier.Plan(1e23).Parameters, 1e-12);
    }

    // docs/science.md V7 (Appendix B).
    [Fact]
    public void AppendixB_MatchesV7()
    {
        Rel(0.1, KaplanFrontier.AlphaN / KaplanFrontier.AlphaS, 1e-12);
        Rel(2.7007, KaplanFrontier.ConvergenceSizeRatio(0.1, 0.02), 1e-3);
        Rel(0.13288, KaplanFrontier.ConvergenceStepsRatio(0.1, 0.02), 1e-3);
        Rel(0.35887, KaplanFrontier.ConvergenceSizeRatio(0.1, 0.02) * KaplanFrontier.ConvergenceStepsRatio(0.1, 0.02), 1e-3);
        Rel(1.2035, KaplanFrontier.ExcessCompute(2.2), 1e-3);
        Rel(1.1645, KaplanFrontier.ExcessCompute(0.6), 1e-3);
        Rel(0.5470, KaplanFrontier.StepsRatio(2.2), 1e-3);
        Rel(1.347e28, KaplanFrontier.CcFromConstants(), 1e-3);
        Rel(1.558e8, KaplanFrontier.CcFromConstants() / KaplanFrontier.PetaflopDay, 1e-3);
    }
}
