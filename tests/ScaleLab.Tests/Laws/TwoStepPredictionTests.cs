using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Uncertainty;

namespace ScaleLab.Tests.Laws;

/// <summary>Scale → loss → downstream metric, with intervals carried through both steps.</summary>
public class TwoStepPredictionTests
{
    private static readonly ScalingData Target = ScalingData.Point(parameters: 1.4e9, tokens: 9e11);

    [Fact]
    public void Predict_IsTheLinkAtThePredictedLoss()
    {
        var loss = GadreOvertrainingLaw.Instance;
        var link = ExpErrorLinkLaw.Instance;
        var lossTruth = loss.FromNamed(FieldLawCases.Case("gadre-overtraining").Truth);
        var linkTruth = link.FromNamed(FieldLawCases.Case("exp-error-link").Truth);
        double l = loss.Predict(lossTruth, Target)[0];
        double expected = link.Predict(linkTruth, TwoStepPrediction.LinkInput(link, [l]))[0];
        Assert.Equal(expected, TwoStepPrediction.Predict(loss, lossTruth, link, linkTruth, Target)[0]);
        Assert.Throws<ArgumentException>(() => TwoStepPrediction.LinkInput(loss, [l]));
    }

    [Fact]
    public void Intervals_FromIdenticalReplicates_CollapseOntoThePrediction()
    {
        var loss = GadreOvertrainingLaw.Instance;
        var link = ExpErrorLinkLaw.Instance;
        var lossTruth = loss.FromNamed(FieldLawCases.Case("gadre-overtraining").Truth);
        var linkTruth = link.FromNamed(FieldLawCases.Case("exp-error-link").Truth);
        double y = TwoStepPrediction.Predict(loss, lossTruth, link, linkTruth, Target)[0];
        var interval = TwoStepPrediction.Intervals(loss, [lossTruth, lossTruth, lossTruth], link, [linkTruth, linkTruth], Target, 0.8)[0];
        Assert.Equal(y, interval.Lower, 1e-15);
        Assert.Equal(y, interval.Upper, 1e-15);
    }

    [Fact]
    public void Intervals_CarryBothFitsUncertainty()
    {
        // Bootstrap each step's fit to noisy data; the two-step interval holds the point prediction and is wider than
        // the interval from the loss fit's replicates alone pushed through the fixed link.
        var (loss, _, lossData) = FieldLawCases.Noisy("gadre-overtraining", 0.004, seed: 3);
        var (link, _, linkData) = FieldLawCases.Noisy("exp-error-link", 0.01, seed: 5);
        var lossFit = Fitter.Fit(loss, lossData, new FitOptions { Objective = loss.DefaultObjective });
        var linkFit = Fitter.Fit(link, linkData, new FitOptions { Objective = link.DefaultObjective });
        var options = new BootstrapOptions { Resamples = 200, Seed = 11 };
        var lossBoot = Bootstrap.Run(loss, lossData, lossFit, options);
        var linkBoot = Bootstrap.Run(link, linkData, linkFit, options);
        double y = TwoStepPrediction.Predict(loss, lossFit.Theta, link, linkFit.Theta, Target)[0];
        var both = TwoStepPrediction.Intervals(loss, lossBoot.Samples, link, linkBoot.Samples, Target, 0.8)[0];
        var fixedLink = Enumerable.Repeat(linkFit.Theta, lossBoot.Samples.Count).ToArray();
        var lossOnly = TwoStepPrediction.Intervals(loss, lossBoot.Samples, link, fixedLink, Target, 0.8)[0];
        Assert.True(both.Contains(y), $"{both} does not hold {y}");
        Assert.True(both.Width > lossOnly.Width, $"two-step {both} not wider than loss-only {lossOnly}");
        Assert.True(both.Width > 0 && both.IsBounded);
    }
}
