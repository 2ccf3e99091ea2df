using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Laws;

/// <summary>Closed-form values of the laws against docs/science.md §5 (formula cases).</summary>
public class LawFormulaTests
{
    private const double PetaflopDay = 8.64e19; // docs/science.md §1: 1 PF-day = 1e15·24·3600 FLOPs

    // docs/science.md V1 (Kaplan et al. 2020 eq. 1.1, Table 5: N_c = 8.8e13, alpha_N = 0.076), rel 1e-4.
    [Theory]
    [InlineData(1e9, 2.3756)]
    [InlineData(1e6, 4.0159)]
    [InlineData(1e8, 2.8300)]
    [InlineData(1e10, 1.9943)]
    public void KaplanN_MatchesV1(double n, double expected)
    {
        var law = new PurePowerLaw(ScaleVariable.Parameters);
        var loss = law.Predict(Named(("N_c", 8.8e13), ("alpha_N", 0.076)), ScalingData.Point(parameters: n));
        AssertRelative(expected, loss, 1e-4);
    }

    // docs/science.md V1: doubling N multiplies the loss by 2^−0.076 = 0.94868; 10× by 0.83946.
    [Fact]
    public void KaplanN_DoublingRatio_MatchesV1()
    {
        var law = new PurePowerLaw(ScaleVariable.Parameters);
        var p = Named(("N_c", 8.8e13), ("alpha_N", 0.076));
        AssertRelative(0.94868, law.Predict(p, ScalingData.Point(parameters: 2e9)) / law.Predict(p, ScalingData.Point(parameters: 1e9)), 1e-4);
        AssertRelative(0.83946, law.Predict(p, ScalingData.Point(parameters: 1e10)) / law.Predict(p, ScalingData.Point(parameters: 1e9)), 1e-4);
    }

    // docs/science.md V2 (Kaplan et al. 2020 eq. 1.2: D_c = 5.4e13, alpha_D = 0.095), rel 1e-4.
    [Theory]
    [InlineData(1e9, 2.8156)]
    [InlineData(1e10, 2.2624)]
    public void KaplanD_MatchesV2(double d, double expected)
    {
        var law = new PurePowerLaw(ScaleVariable.Tokens);
        AssertRelative(expected, law.Predict(Named(("D_c", 5.4e13), ("alpha_D", 0.095)), ScalingData.Point(tokens: d)), 1e-4);
    }

    // docs/science.md V2 (Kaplan et al. 2020 eq. 1.3: C_c^min = 3.1e8 PF-days, alpha_C^min = 0.050); C in FLOPs here, rel 1e-4.
    [Theory]
    [InlineData(1, 2.6581)]
    [InlineData(1e-4, 4.2128)]
    [InlineData(1e4, 1.6771)]
    public void KaplanC_MatchesV2(double petaflopDays, double expected)
    {
        var law = new PurePowerLaw(ScaleVariable.Compute);
        var loss = law.Predict(Named(("C_c", 3.1e8 * PetaflopDay), ("alpha_C", 0.050)), ScalingData.Point(compute: petaflopDays * PetaflopDay));
        AssertRelative(expected, loss, 1e-4);
    }

    // docs/science.md V3 (Kaplan et al. 2020 eq. 1.5, Table 2: alpha_N 0.076, alpha_D 0.103, N_c 6.4e13, D_c 1.8e13), rel 1e-4.
    [Theory]
    [InlineData(1e9, 1e10, 2.4197)]
    [InlineData(1e8, 1e9, 2.9567)]
    [InlineData(1e9, 1e300, 2.3188)] // D → ∞ leaves (N_c/N)^alpha_N
    public void KaplanJoint_MatchesV3(double n, double d, double expected)
    {
        AssertRelative(expected, KaplanLaw.Instance.Predict(KaplanTable2, ScalingData.Point(parameters: n, tokens: d)), 1e-4);
    }

    // docs/science.md V3: overfitting δL(1e9, 2.29e10) = L(N, D)/L(N, ∞) − 1 = 0.02099 (Kaplan eq. 4.3).
    [Fact]
    public void KaplanJoint_Overfitting_MatchesV3()
    {
        double finite = KaplanLaw.Instance.Predict(KaplanTable2, ScalingData.Point(parameters: 1e9, tokens: 2.29e10));
        double infinite = KaplanLaw.Instance.Predict(KaplanTable2, ScalingData.Point(parameters: 1e9, tokens: 1e300));
        AssertRelative(0.02099, finite / infinite - 1, 1e-3);
    }

    // docs/science.md V20 (a): Figure-1 three-break BNSL of Caballero et al. 2023, values rel 1e-5.
    [Theory]
    [InlineData(0, 4660.0)]
    [InlineData(3, 3297.8)]
    [InlineData(6, 1972.32)]
    [InlineData(10, 27.7221)]
    [InlineData(14, 0.427646)]
    [InlineData(17, 1.25732)]
    [InlineData(20, 8.0958)]
    [InlineData(23, 0.00111307)]
    [InlineData(26, 0.001)]
    public void Bnsl_Figure1Values_MatchV20a(int log10X, double expected)
    {
        var law = new BrokenPowerLaw(ScaleVariable.Tokens, 3);
        AssertRelative(expected, law.Predict(LawJacobianTests.Figure1Bnsl(), ScalingData.Point(tokens: Math.Pow(10, log10X))), 1e-5);
    }

    // docs/science.md V20 (a): local log–log slopes of y − a, abs 1e-3.
    [Theory]
    [InlineData(0, -0.0500)]
    [InlineData(10, -0.5384)]
    [InlineData(17, 0.2647)]
    [InlineData(20, 0.2709)]
    [InlineData(23, -1.8290)]
    public void Bnsl_Figure1Slopes_MatchV20a(int log10X, double expected)
    {
        var law = new BrokenPowerLaw(ScaleVariable.Tokens, 3);
        var p = LawJacobianTests.Figure1Bnsl();
        double LogExcess(double lnX) => Math.Log(law.Predict(p, ScalingData.Point(tokens: Math.Exp(lnX))) - p["a"]);
        double lnX = log10X * Math.Log(10), h = 1e-4;
        Assert.Equal(expected, (LogExcess(lnX + h) - LogExcess(lnX - h)) / (2 * h), 1e-3);
    }

    // docs/science.md §4: with no break BNSL is the power law with a floor.
    [Fact]
    public void Bnsl_WithoutBreaks_IsPowerLawWithFloor()
    {
        var bnsl = new BrokenPowerLaw(ScaleVariable.Compute, 0);
        var floor = new PowerLawWithFloor(ScaleVariable.Compute);
        var point = ScalingData.Point(compute: 3e20);
        AssertRelative(floor.Predict(Named(("E", 1.7), ("A", 300), ("alpha", 0.05)), point),
            bnsl.Predict(Named(("a", 1.7), ("b", 300), ("c0", 0.05)), point), 1e-14);
    }

    internal static readonly IReadOnlyDictionary<string, double> KaplanTable2 =
        Named(("alpha_N", 0.076), ("alpha_D", 0.103), ("N_c", 6.4e13), ("D_c", 1.8e13));

    internal static Dictionary<string, double> Named(params (string Name, double Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    internal static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R} within rel {tolerance}, got {actual:R}");
}
