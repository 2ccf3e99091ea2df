using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Planning;
using ScaleLab.Quantities;

namespace ScaleLab.Plots.Model;

/// <summary>The compute-optimal frontier of a fitted law, as the planner computes it.</summary>
public static partial class ScalingPlots
{
    /// <summary>
    /// Compute-optimal frontier N*(C) and D*(C) of the fitted law: solid over the data's compute
    /// range (shaded), dashed beyond it up to <paramref name="targetCompute"/> (default: 100× the
    /// largest budget), with bootstrap bands when the analysis has samples and the IsoFLOP minima of the
    /// data when there are any. The frontier is the planner's (<see cref="ComputeOptimalPlanner.Frontier"/>).
    /// </summary>
    public static PlotSpec ComputeOptimalFrontier(ObservationSet data, FittedLaw fit, FitAnalysis? analysis = null, double? targetCompute = null)
    {
        if (!HasParametersAndTokens(fit)) throw new ArgumentException($"law '{fit.Law.Name}' does not depend on both N and D: no compute-optimal frontier");
        double cmin = data.Observations.Min(o => o.Compute.Value), cmax = data.Observations.Max(o => o.Compute.Value);
        double target = targetCompute ?? 100 * cmax;
        var series = new List<PlotSeries>();
        var inside = LawEvaluation.LogSpace(cmin, cmax, CurvePoints);
        var law = PlanningLaw.From(fit, analysis);
        var (nIn, dIn, _) = Frontier(law, inside);
        PlotSeries[]? outsideLines = null;
        double[]? outside = null;
        if (target > cmax)
        {
            outside = LawEvaluation.LogSpace(cmax, target, CurvePoints / 2);
            var (nOut, dOut, _) = Frontier(law, outside);
            outsideLines =
            [
                new PlotSeries { Label = "extrapolation", Kind = SeriesKind.Line, X = outside, Y = nOut, Tone = 0.0, Dashed = true },
                new PlotSeries { Label = "", Kind = SeriesKind.Line, X = outside, Y = dOut, Tone = 1.0, Dashed = true },
            ];
        }
        var all = outside is null ? inside : [.. inside, .. outside.Skip(1)];
        var bands = FrontierBands(law, all);
        if (bands is { } b)
        {
            series.Add(new PlotSeries { Label = $"{Pct(law.IntervalLevel)} bootstrap band", Kind = SeriesKind.Band, X = all, Y = b.N.Mid, Low = b.N.Low, High = b.N.High, Tone = 0.0 });
            series.Add(new PlotSeries { Label = "", Kind = SeriesKind.Band, X = all, Y = b.D.Mid, Low = b.D.Low, High = b.D.High, Tone = 1.0 });
        }
        series.Add(new PlotSeries { Label = "N*(C) parameters", Kind = SeriesKind.Line, X = inside, Y = nIn, Tone = 0.0 });
        series.Add(new PlotSeries { Label = "D*(C) tokens", Kind = SeriesKind.Line, X = inside, Y = dIn, Tone = 1.0 });
        if (outsideLines is not null) series.AddRange(outsideLines);
        var minima = IsoFlopAnalysis.Analyse(data.Observations).Budgets.Where(b => b.OptimumInside).ToArray();
        if (minima.Length > 0)
        {
            series.Add(new PlotSeries
            {
                Label = "IsoFLOP minima N*", Kind = SeriesKind.Points, Tone = 0.0,
                X = minima.Select(b => b.Compute).ToArray(), Y = minima.Select(b => b.OptimalParameters).ToArray(),
            });
            series.Add(new PlotSeries
            {
                Label = "IsoFLOP minima D*", Kind = SeriesKind.Points, Tone = 1.0,
                X = minima.Select(b => b.Compute).ToArray(), Y = minima.Select(b => b.OptimalTokens).ToArray(),
            });
        }
        var spans = new List<PlotSpan> { new(cmin, cmax, "fitted data range") };
        if (target > cmax) spans.Add(new PlotSpan(target, target, $"target C = {Quantity.Label(target)}"));
        return new PlotSpec
        {
            Title = $"Compute-optimal allocation ({fit.Law.Name})",
            X = AxisOf(ScaleVariable.Compute),
            Y = new PlotAxis("optimal N* and D*", "parameters, tokens", true),
            Series = series,
            Spans = spans,
            Caption = $"argmin over N of L(N, C/6N); solid over the data ({Quantity.Label(cmin)}–{Quantity.Label(cmax)} FLOPs), dashed: extrapolation"
                + (target > cmax ? $" to {Quantity.Label(target)} FLOPs ({Quantity.Label(target / cmax)}× the largest budget)." : "."),
        };
    }


    /// <summary>N*(C), D*(C) and L*(C) of the law: the planner's frontier.</summary>
    internal static (double[] N, double[] D, double[] Loss) Frontier(PlanningLaw law, IReadOnlyList<double> compute) =>
        ComputeOptimalPlanner.Frontier(law, compute);

    private static PlanningLaw PlanningOf(FittedLaw fit) => PlanningLaw.From(fit);

    /// <summary>The planner's frontier at every bootstrap sample of <paramref name="law"/>, as pointwise percentile bands of N* and D*.</summary>
    private static ((double[] Mid, double[] Low, double[] High) N, (double[] Mid, double[] Low, double[] High) D)? FrontierBands(PlanningLaw law, double[] compute)
    {
        if (law.BootstrapSamples.Count < LawEvaluation.MinimumSamples) return null;
        var ns = new List<double[]>(law.BootstrapSamples.Count);
        foreach (var sample in law.BootstrapSamples)
        {
            try { ns.Add(Frontier(law.AtSample(sample), compute).N); }
            catch (ArgumentException) { } // a sample outside the law's domain (e.g. a non-positive scale) has no frontier
        }
        if (ns.Count < LawEvaluation.MinimumSamples) return null;
        var mid = Frontier(law, compute);
        var (nLow, nHigh) = LawEvaluation.Bands(ns, compute.Length, law.IntervalLevel);
        var dLow = new double[compute.Length];
        var dHigh = new double[compute.Length];
        for (int i = 0; i < compute.Length; i++)
        {
            // D* = C/(6 N*) is decreasing in N*, so its interval is the image of N*'s with the ends swapped.
            dLow[i] = compute[i] / (6 * nHigh[i]);
            dHigh[i] = compute[i] / (6 * nLow[i]);
        }
        return ((mid.N, nLow, nHigh), (mid.D, dLow, dHigh));
    }
}
