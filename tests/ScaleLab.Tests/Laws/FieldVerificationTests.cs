using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Metrics;

namespace ScaleLab.Tests.Laws;

/// <summary>
/// Closed-form checks of the field's laws against published and hand-computed values (docs/laws.md, V27–V31).
/// Values printed with four significant figures are checked to that precision: the computation, rounded as printed,
/// must give the printed number.
/// </summary>
public class FieldVerificationTests
{
    // Rounded to the printed digits, the value must equal the printed one (within half a unit of its last digit).
    private static void AssertPrinted(double printed, double actual, int significantDigits)
    {
        double unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(printed))) - (significantDigits - 1));
        Assert.True(Math.Abs(actual - printed) <= 0.5 * unit * (1 + 1e-9), $"expected {printed:R} to {significantDigits} digits, got {actual:R}");
    }

    // V27, Hernandez et al. 2021 Table 1 (text → Python: k = 1.9e4, alpha = 0.18, beta = 0.38): D_T and the multiplier.
    [Theory]
    [InlineData(1e8, 1e6, 2.505e8, 251.5)]
    [InlineData(1e9, 1e6, 6.008e8, 601.8)]
    [InlineData(1e8, 1e7, 3.791e8, 38.91)]
    [InlineData(4e7, 3e5, 1.424e8, 475.6)] // the paper's Figure 1 example ("≈1000×" in the text: order of magnitude only)
    public void Hernandez_EffectiveDataTransferred_MatchesV27(double n, double fineTuning, double transferred, double multiplier)
    {
        var text = TransferCoefficients.TextToPython;
        AssertPrinted(transferred, text.Transferred(n, fineTuning), 4);
        AssertPrinted(multiplier, text.Multiplier(n, fineTuning), 4);
    }

    [Fact]
    public void Hernandez_MixedPretraining_AndFactorsPerDecade_MatchV27()
    {
        // Hernandez et al. 2021 Table 1, 50 % text + 50 % non-Python code → Python: k = 2.1e5, alpha = 0.096.
        AssertPrinted(8.674e8, TransferCoefficients.MixedToPython.Transferred(1e8, 1e6), 4);
        // 10× more fine-tuning data multiplies D_T by 10^0.18, 10× more parameters by 10^0.38.
        var text = TransferCoefficients.TextToPython;
        AssertPrinted(1.5136, text.Transferred(1e8, 1e7) / text.Transferred(1e8, 1e6), 5);
        AssertPrinted(2.3988, text.Transferred(1e9, 1e6) / text.Transferred(1e8, 1e6), 5);
    }

    [Fact]
    public void Hernandez_CombinedLaw_IsKaplanAtTheEffectiveData()
    {
        var law = HernandezTransferLaw.Instance;
        var p = FieldLawCases.Case("hernandez-transfer").Truth;
        double n = 1e8, fineTuning = 1e6, effective = fineTuning + TransferCoefficients.TextToPython.Transferred(n, fineTuning);
        var kaplan = KaplanLaw.Instance.Predict(LawFormulaTests.KaplanTable2, ScalingData.Point(parameters: n, tokens: effective));
        LawFormulaTests.AssertRelative(kaplan, law.Predict(p, ScalingData.Point(parameters: n, tokens: fineTuning)), 1e-13);
        // And the from-scratch data at that loss is D_E again.
        LawFormulaTests.AssertRelative(effective, HernandezTransfer.EffectiveData(LawFormulaTests.KaplanTable2, n, kaplan), 1e-9);
    }

    // V28: exact metric conversions at L = 2 nats per token.
    [Fact]
    public void MetricConversions_MatchV28()
    {
        LawFormulaTests.AssertRelative(7.38906, MetricConversions.Perplexity(2.0), 1e-5);
        LawFormulaTests.AssertRelative(2.88539, MetricConversions.BitsPerToken(2.0), 1e-5);
        LawFormulaTests.AssertRelative(0.671021, MetricConversions.BitsPerByte(2.0, 4.3), 1e-5);
        // WebText2's 1.4 tokens per word (Kaplan et al. 2020, footnote 7).
        LawFormulaTests.AssertRelative(4.03955, MetricConversions.BitsPerWord(2.0, 1.4), 1e-5);
        LawFormulaTests.AssertRelative(0.909091, MetricConversions.WinProbability(400), 1e-5);
        LawFormulaTests.AssertRelative(400, MetricConversions.EloDifference(MetricConversions.WinProbability(400)), 1e-12);
        LawFormulaTests.AssertRelative(2.0, MetricConversions.NatsFromPerplexity(MetricConversions.Perplexity(2.0)), 1e-15);
        LawFormulaTests.AssertRelative(2.0, MetricConversions.NatsFromBits(MetricConversions.BitsPerToken(2.0)), 1e-15);
        Assert.Equal(0.25, MetricConversions.Complement(0.75));
        Assert.Equal(0.5, MetricConversions.F1(0.5, 0.5));
        Assert.Equal(0, MetricConversions.F1(0, 0));
    }

    [Fact]
    public void Links_MatchV28()
    {
        // Gordon et al.'s BLEU link with C = 100, k = −0.5 at L = 2, and Gadre et al.'s error link 0.75 − 2·e^(−0.6·2.5).
        var loss = ScaleVariable.Named("L");
        var bleu = BleuLinkLaw.Instance.Predict(LawFormulaTests.Named(("C", 100), ("k", -0.5)), ScalingData.Create([new(loss, [2.0])], [1.0]));
        LawFormulaTests.AssertRelative(36.788, bleu, 1e-5);
        var error = ExpErrorLinkLaw.Instance.Predict(LawFormulaTests.Named(("epsilon", 0.75), ("k", 2), ("gamma", 0.6)), ScalingData.Create([new(loss, [2.5])], [1.0]));
        LawFormulaTests.AssertRelative(0.30374, error, 1e-5);
    }

    // V30: Zhai's form with illustrative (a, b, c, d) = (0.26, 0.35, 0.09, 0.01): finite at zero compute, c at infinity.
    [Theory]
    [InlineData(0, 1.39309)]
    [InlineData(1, 0.349096)]
    [InlineData(1e4, 0.100351)]
    [InlineData(1e300, 0.09)]
    public void Zhai_MatchesV30(double compute, double expected)
    {
        var p = LawFormulaTests.Named(("a", 0.26), ("b", 0.35), ("c", 0.09), ("d", 0.01));
        var point = ScalingData.Create([new(ScaleVariable.Compute, [compute])], [1.0]);
        LawFormulaTests.AssertRelative(expected, ZhaiLaw.Instance.Predict(p, point), 1e-5);
    }

    // V31: Clark et al. 2022's dense fit, (3.568e13/N)^0.078 at N = 1e8.
    [Fact]
    public void ClarkDense_MatchesV31()
    {
        LawFormulaTests.AssertRelative(2.71075, ClarkDenseLaw.Instance.Predict(ClarkDenseLaw.Published, ScalingData.Point(parameters: 1e8)), 1e-5);
    }

    // Clark et al. 2022 report routing stops helping at N_cutoff ≈ 937B (S-BASE), 85B (RL-R), 83B (HASH). With b and c
    // printed to three decimals, 10^(−b/c) is only known within the rounding; each published cutoff must lie in that range.
    [Theory]
    [InlineData("s-base", 937e9)]
    [InlineData("rl-r", 85e9)]
    [InlineData("hash", 83e9)]
    public void ClarkRouted_CutoffIsMinusBOverC_WithinTable3Rounding(string router, double published)
    {
        var p = ClarkRoutedLaw.Table3(router);
        double b = p["b"], c = p["c"], h = 0.0005;
        double low = ClarkRoutedLaw.Cutoff(b + h, c + h), high = ClarkRoutedLaw.Cutoff(b - h, c - h);
        Assert.InRange(published, low, high);
        // At the cutoff the loss no longer depends on the number of experts.
        var law = ClarkRoutedLaw.Instance;
        double cutoff = ClarkRoutedLaw.Cutoff(b, c);
        var two = ScalingData.Create([new(ScaleVariable.Parameters, [cutoff, cutoff]), new(ScaleVariable.Named("E"), [8.0, 128.0])], [1.0, 1.0]);
        var y = law.Predict(law.FromNamed(p), two);
        LawFormulaTests.AssertRelative(y[0], y[1], 1e-12);
    }

    [Fact]
    public void ClarkRouted_EffectiveParameterCount_GivesTheRoutedLoss()
    {
        var law = ClarkRoutedLaw.Instance;
        var p = ClarkRoutedLaw.Table3("s-base");
        double n = 1.3e8, experts = 64;
        double dense = ClarkRoutedLaw.EffectiveParameterCount(p, n, experts);
        var at = ScalingData.Create([new(ScaleVariable.Parameters, [n, dense]), new(ScaleVariable.Named("E"), [experts, 1.0])], [1.0, 1.0]);
        var y = law.Predict(law.FromNamed(p), at);
        LawFormulaTests.AssertRelative(y[0], y[1], 1e-12);
        Assert.True(dense > 3 * n, $"64 experts should count as several times the dense size, got {dense / n:G3}×");
        LawFormulaTests.AssertRelative(n, ClarkRoutedLaw.EffectiveParameterCount(p, n, 1), 1e-12);
        // Ê saturates at E_max and starts at E_start for one expert.
        LawFormulaTests.AssertRelative(p["E_start"], ClarkRoutedLaw.EffectiveExperts(1, p["E_start"], p["E_max"]), 1e-12);
        LawFormulaTests.AssertRelative(p["E_max"], ClarkRoutedLaw.EffectiveExperts(1e15, p["E_start"], p["E_max"]), 1e-9);
    }

    [Fact]
    public void Ghorbani_OptimalSplit_MinimisesTheLossAtFixedTotal()
    {
        var law = GhorbaniNmtLaw.Instance;
        var p = FieldLawCases.Case("ghorbani-nmt").Truth;
        double total = 1e9;
        var (encoder, decoder) = GhorbaniNmtLaw.OptimalSplit(total, p["p_e"], p["p_d"]);
        LawFormulaTests.AssertRelative(0.375, encoder / total, 1e-15);
        double Loss(double e) => law.Predict(p, ScalingData.Create([new(ScaleVariable.Named("N_e"), [e]), new(ScaleVariable.Named("N_d"), [total - e])], [1.0]));
        Assert.True(Loss(encoder) < Loss(encoder * 1.01) && Loss(encoder) < Loss(encoder * 0.99));
        Assert.Equal(total, encoder + decoder, 1e-3);
    }

    [Fact]
    public void Gordon_NonEmbeddingParameters_CountEncoderAndDecoder()
    {
        // 6 layers a side, d_model 512, d_ff 2048: 2·6·(4·512² + 2·512·2048) = 37,748,736.
        Assert.Equal(37_748_736, GordonNmtLaw.NonEmbeddingParameters(6, 512, 2048));
        Assert.Throws<ArgumentException>(() => GordonNmtLaw.NonEmbeddingParameters(0, 512, 2048));
    }

    [Fact]
    public void Jones_SlopeAtTheMidpointIsM_AndTheIsoEloLineInverts()
    {
        var law = JonesEloLaw.Instance;
        var p = FieldLawCases.Case("jones-elo").Truth;
        double Elo(double log10C) => law.Predict(p, ScalingData.Create([new(ScaleVariable.Compute, [Math.Pow(10, log10C)])], [1.0]));
        double h = 1e-4;
        LawFormulaTests.AssertRelative(p["m"], (Elo(14 + h) - Elo(14 - h)) / (2 * h), 1e-6);
        LawFormulaTests.AssertRelative(p["Elo_max"] / 2, Elo(14), 1e-12);
        // log10 C_test = −1.2·log10 C_train + 0.004·Elo + 29: 10× more training compute saves a factor 10^1.2 at test time.
        double test = JonesEloLaw.TestCompute(1e15, -500);
        LawFormulaTests.AssertRelative(1e9, test, 1e-12);
        LawFormulaTests.AssertRelative(Math.Pow(10, -1.2), JonesEloLaw.TestCompute(1e16, -500) / test, 1e-12);
        LawFormulaTests.AssertRelative(1e15, JonesEloLaw.TrainCompute(test, -500), 1e-12);
    }

    [Fact]
    public void KaplanSteps_SolvesItsImplicitEquation_AndGivesStepsToATarget()
    {
        var law = KaplanStepsLaw.Instance;
        var p = KaplanStepsLaw.Published;
        double n = 1e8, steps = 2e4, batch = 5e5;
        var at = ScalingData.Create([new(ScaleVariable.Parameters, [n]), new(ScaleVariable.Tokens, [batch * steps]), new(ScaleVariable.Named("S"), [steps])], [1.0]);
        double loss = law.Predict(p, at);
        double critical = KaplanStepsLaw.CriticalBatch(loss, p["B_star"], p["alpha_B"]);
        double minimum = steps / (1 + critical / batch);
        double expected = Math.Pow(p["N_c"] / n, p["alpha_N"]) + Math.Pow(p["S_c"] / minimum, p["alpha_S"]);
        LawFormulaTests.AssertRelative(expected, loss, 1e-13);
        // Eq. 1.4 at L = 4 nats: B_crit = 2.1e8/4^(1/0.21).
        LawFormulaTests.AssertRelative(2.1e8 / Math.Pow(4, 1 / 0.21), KaplanStepsLaw.CriticalBatch(4, 2.1e8, 0.21), 1e-15);
        // The steps to reach that loss at that batch are the steps taken.
        LawFormulaTests.AssertRelative(steps, KaplanStepsLaw.StepsAtBatch(KaplanStepsLaw.MinimumSteps(p, n, loss), batch, critical), 1e-9);
        Assert.True(double.IsNaN(KaplanStepsLaw.MinimumSteps(p, n, 1.0)), "a target below the converged loss cannot be reached");
    }

    [Fact]
    public void Henighan_OptimalSizeExponent_IsRecoveredFromAFrontier()
    {
        var frontier = new[] { 1e18, 1e19, 1e20, 1e21 }.Select(c => (c, 3e-4 * Math.Pow(c, 0.7))).ToArray();
        var (coefficient, exponent) = HenighanLaw.FitOptimalSize(frontier);
        LawFormulaTests.AssertRelative(0.7, exponent, 1e-12);
        LawFormulaTests.AssertRelative(3e-4, coefficient, 1e-9);
    }

    [Fact]
    public void Gadre_DataTermIsThePapersMTimesN()
    {
        // With M = D/N, beta·6^(b/2)·(M·N)^b + alpha·N^b + E, evaluated at N = 4e8, M = 320.
        var law = GadreOvertrainingLaw.Instance;
        var p = FieldLawCases.Case("gadre-overtraining").Truth;
        double n = 4e8, m = 320;
        double expected = p["alpha"] * Math.Pow(n, p["b"]) + p["beta"] * Math.Pow(6, p["b"] / 2) * Math.Pow(m * n, p["b"]) + p["E"];
        LawFormulaTests.AssertRelative(expected, law.Predict(p, ScalingData.Point(parameters: n, tokens: m * n)), 1e-13);
    }
}
