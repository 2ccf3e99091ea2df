using FsCheck.Xunit;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Laws;

/// <summary>
/// Property: noiseless data generated from random true parameters of each law are recovered by a fit
/// with the law's default starts. FsCheck draws bytes, mapped linearly (or log-linearly) into each
/// parameter's plausible range, so failures shrink to readable cases.
/// </summary>
public class LawRecoveryProperties
{
    private static double Lin(byte u, double lo, double hi) => lo + (hi - lo) * u / 255.0;

    private static double Log10(byte u, double lo, double hi) => Math.Pow(10, Lin(u, lo, hi));

    private static bool Recovered(ScalingLaw law, IReadOnlyDictionary<string, double> truth, IReadOnlyList<Observation> at, double tolerance, FitObjective? objective = null)
    {
        var data = ScalingData.From(LawData.Generate(law, truth, at));
        var fit = Fitter.Fit(law, data, new FitOptions { Objective = objective ?? FitObjective.SquaredLog, Parallelism = 1 });
        return truth.All(kv => Math.Abs(fit.Parameters[kv.Key] / kv.Value - 1) <= tolerance);
    }

    [Property(MaxTest = 40)]
    public bool PurePowerLaw_RecoversRandomTruth(byte scale, byte exponent)
    {
        var law = new PurePowerLaw(ScaleVariable.Parameters);
        var truth = LawFormulaTests.Named(("N_c", Log10(scale, 8, 16)), ("alpha_N", Lin(exponent, 0.03, 0.6)));
        return Recovered(law, truth, LawData.Along(ScaleVariable.Parameters, LawData.LogSpace(6, 10, 9)), 1e-8);
    }

    [Property(MaxTest = 30)]
    public bool PowerLawWithFloor_RecoversRandomTruth(byte floor, byte share, byte exponent)
    {
        var law = new PowerLawWithFloor(ScaleVariable.Compute);
        double e = Lin(floor, 0.5, 3), alpha = Lin(exponent, 0.05, 0.8);
        // The power term at the middle of the data is 0.2–5 times the floor, so both are visible.
        double middle = 1e20, term = Log10(share, Math.Log10(0.2), Math.Log10(5)) * e;
        var truth = LawFormulaTests.Named(("E", e), ("A", term * Math.Pow(middle, alpha)), ("alpha", alpha));
        return Recovered(law, truth, LawData.Along(ScaleVariable.Compute, LawData.LogSpace(18, 22, 15)), 1e-6);
    }

    [Property(MaxTest = 20)]
    public bool KaplanLaw_RecoversRandomTruth(byte alphaN, byte alphaD, byte level, byte share)
    {
        double an = Lin(alphaN, 0.05, 0.4), ad = Lin(alphaD, 0.05, 0.4), loss = Lin(level, 2, 5), s = Lin(share, 0.2, 0.8);
        // Both terms carry a share of L^(1/alpha_D) at the middle of the grid (N = 10^7.5, D = 10^9), else one
        // of N_c, D_c would be invisible in the data and no fit could recover it.
        double logN = 7.5 * Math.Log(10), logD = 9 * Math.Log(10);
        var truth = LawFormulaTests.Named(("alpha_N", an), ("alpha_D", ad),
            ("N_c", Math.Exp(logN + Math.Log(loss) / an + ad / an * Math.Log(s))), ("D_c", Math.Exp(logD + Math.Log(loss) / ad + Math.Log(1 - s))));
        var grid = LawData.LogSpace(6, 9, 7).SelectMany(n => LawData.LogSpace(7.5, 10.5, 7).Select(d => (n, d)));
        return Recovered(KaplanLaw.Instance, truth, LawData.AtParametersAndTokens(grid), 1e-6);
    }

    [Property(MaxTest = 4)]
    public bool ChinchillaLaw_RecoversRandomTruth(byte e, byte a, byte b, byte alpha, byte beta)
    {
        var truth = LawFormulaTests.Named(("E", Lin(e, 1, 3)), ("A", Log10(a, 1.5, 3.5)), ("B", Log10(b, 1.5, 3.5)),
            ("alpha", Lin(alpha, 0.2, 0.6)), ("beta", Lin(beta, 0.2, 0.6)));
        var grid = LawData.LogSpace(7, 10, 7).SelectMany(n => LawData.LogSpace(9, 12, 7).Select(d => (n, d)));
        return Recovered(ChinchillaLaw.Instance, truth, LawData.AtParametersAndTokens(grid), 1e-6, FitObjective.Default);
    }

    [Property(MaxTest = 12)]
    public bool BrokenPowerLaw_RecoversRandomTruth(byte a, byte b, byte c0, byte c1, byte d1, byte f1)
    {
        var law = new BrokenPowerLaw(ScaleVariable.Tokens);
        // A break well inside the data (10^1.5 … 10^2.5 on x = 1 … 10^4) and strong enough to see.
        var truth = LawFormulaTests.Named(("a", Lin(a, 0.05, 1)), ("b", Lin(b, 1, 10)), ("c0", Lin(c0, 0.02, 0.5)),
            ("c1", Lin(c1, 0.3, 3)), ("d1", Log10(d1, 1.5, 2.5)), ("f1", Lin(f1, 0.1, 1)));
        return Recovered(law, truth, LawData.Along(ScaleVariable.Tokens, LawData.LogSpace(0, 4, 41)), 1e-5);
    }
}
