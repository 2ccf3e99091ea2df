using ScaleLab.Data;
using ScaleLab.Uncertainty;

namespace ScaleLab.Laws;

/// <summary>
/// Two-step prediction of a downstream metric (Bhagia et al. 2024; Gadre et al. 2024; Gordon et al. 2021 for BLEU):
/// a law of loss against scale predicts the loss at a point, and a link law (<see cref="ExpErrorLinkLaw"/>,
/// <see cref="SigmoidLinkLaw"/>, <see cref="BleuLinkLaw"/>) maps that loss to the metric. Intervals carry the
/// uncertainty of both steps: bootstrap replicate b of the first fit feeds replicate b of the second.
/// </summary>
public static class TwoStepPrediction
{
    /// <summary>The metric at <paramref name="points"/>: the link at the loss the scale law predicts there.</summary>
    public static double[] Predict(ScalingLaw scaleLaw, double[] scaleTheta, ScalingLaw link, double[] linkTheta, ScalingData points) =>
        link.Predict(linkTheta, LinkInput(link, scaleLaw.Predict(scaleTheta, points)));

    /// <summary>
    /// Percentile intervals at <paramref name="level"/> for the two-step prediction, from paired bootstrap samples of the
    /// two fits (internal coordinates, as <see cref="BootstrapResult.Samples"/> holds them); failed or non-finite
    /// replicates are left out, and only as many pairs as the shorter list holds are used.
    /// </summary>
    public static Interval[] Intervals(ScalingLaw scaleLaw, IReadOnlyList<double[]> scaleSamples, ScalingLaw link, IReadOnlyList<double[]> linkSamples,
        ScalingData points, double level)
    {
        int pairs = Math.Min(scaleSamples.Count, linkSamples.Count);
        var replicates = new List<double>[points.Count];
        for (int i = 0; i < replicates.Length; i++) replicates[i] = new List<double>(pairs);
        for (int b = 0; b < pairs; b++)
        {
            if (scaleSamples[b].Length != scaleLaw.Parameters.Count || linkSamples[b].Length != link.Parameters.Count) continue;
            var y = Predict(scaleLaw, scaleSamples[b], link, linkSamples[b], points);
            for (int i = 0; i < y.Length; i++) if (double.IsFinite(y[i])) replicates[i].Add(y[i]);
        }
        return replicates.Select(r => PercentileInterval.Compute(r.ToArray(), level)).ToArray();
    }

    /// <summary>The points at which to evaluate <paramref name="link"/>: its one input variable set to <paramref name="loss"/>.</summary>
    /// <exception cref="ArgumentException">The link reads more or fewer than one variable.</exception>
    public static ScalingData LinkInput(ScalingLaw link, double[] loss)
    {
        if (link.Variables.Count != 1) throw new ArgumentException($"law '{link.Name}' is not a link: it reads {link.Variables.Count} variables");
        var metric = new double[loss.Length];
        Array.Fill(metric, 1.0);
        return ScalingData.Create([new KeyValuePair<ScaleVariable, double[]>(link.Variables[0], loss)], metric);
    }
}
