using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Uncertainty;

namespace ScaleLab.Tests.Uncertainty;

public class IdentifiabilityTests
{
    [Fact]
    public void Chinchilla_WithOneTokenCount_FlagsTheDataTermAndFloor()
    {
        // Every run trained on the same D: B/D^beta + E is one constant, so E, B and beta cannot be
        // told apart; the check must name that direction.
        var law = ChinchillaLaw.Instance;
        var truth = law.FromNamed(new Dictionary<string, double> { ["E"] = 1.8, ["A"] = 480, ["B"] = 2000, ["alpha"] = 0.35, ["beta"] = 0.37 });
        var ns = Enumerable.Range(0, 12).Select(i => 1e7 * Math.Pow(2, i)).ToArray();
        var clean = law.Predict(truth, ScalingData.From(ns.Select(n => Observation.FromParametersAndTokens(n, 1e10, 1)).ToArray()));
        var rng = new SeededRandom(4);
        var data = ScalingData.From(ns.Select((n, i) => Observation.FromParametersAndTokens(n, 1e10, clean[i] * Math.Exp(0.005 * rng.NextGaussian()))).ToArray());
        var fit = Fitter.Fit(law, data, new FitOptions { Starts = [truth], Objective = FitObjective.SquaredLog });
        var check = IdentifiabilityCheck.Check(law, data, fit);
        // Three parameters fused into one constant leave two undetermined directions.
        var warnings = check.Diagnostics.Where(d => d.Code == "direction-undetermined").ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.All(warnings, w => Assert.Contains("beta", w.Message));
        Assert.DoesNotContain(warnings, w => w.Message.Contains("alpha"));
        Assert.True(check.ConditionNumber > 1e7, check.ConditionNumber.ToString());
    }

    [Fact]
    public void M2_OnAPurePowerLaw_ProfileOfTheFloorIsFlat()
    {
        // y = 5·x^−0.3 has no floor: eps_inf is not determined below the data's scatter, and its
        // profile likelihood stays flat towards zero.
        var x = Enumerable.Range(0, 15).Select(i => Math.Pow(10, 2 + 0.3 * i)).ToArray();
        var rng = new SeededRandom(11);
        var data = ScalingData.From(x.Select(v => Observation.FromParametersAndTokens(1, v, 5 * Math.Pow(v, -0.3) * Math.Exp(0.01 * rng.NextGaussian()))).ToArray());
        var fit = Fitter.Fit(M2Law.Instance, data, new FitOptions { Objective = FitObjective.SquaredLog });
        var (profiles, diagnostics) = ProfileLikelihood.ProfileAll(M2Law.Instance, data, fit, 0.8);
        var floor = profiles.Single(p => p.Parameter == "eps_inf");
        Assert.True(floor.FlatLower, $"{floor.Interval}");
        Assert.Contains(diagnostics, d => d.Code == "profile-flat" && d.Message.Contains("eps_inf"));
    }
}
