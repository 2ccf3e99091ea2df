using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Quantities;

namespace ScaleLab.Plots.Model;

public static partial class ScalingPlots
{
    /// <summary>
    /// Loss against <paramref name="x"/> with one series per group of a grouped read (<c>--group-by</c>): each group's
    /// points in a colour of its own, labelled with the group's name, and, when the group has a fit, that fit drawn
    /// through the group's range at the group's typical value of the other variable (geometric mean). Groups are drawn in
    /// their order; the legend names at most eight of them.
    /// </summary>
    public static PlotSpec LossByGroup(ScaleVariable x, string metricName, IReadOnlyList<(string Name, ObservationSet Data, FittedLaw? Fit)> groups)
    {
        if (!(x == ScaleVariable.Parameters || x == ScaleVariable.Tokens || x == ScaleVariable.Compute))
            throw new ArgumentOutOfRangeException(nameof(x), "loss is plotted against N, D or C");
        var other = x == ScaleVariable.Parameters ? ScaleVariable.Tokens : ScaleVariable.Parameters;
        var lines = new List<PlotSeries>();
        var points = new List<PlotSeries>();
        int every = (int)Math.Ceiling(groups.Count / 8.0);
        int rows = 0;
        for (int k = 0; k < groups.Count; k++)
        {
            var (name, data, fit) = groups[k];
            var members = data.Observations;
            if (members.Count == 0) continue;
            rows += members.Count;
            double t = groups.Count == 1 ? 0.5 : (double)k / (groups.Count - 1);
            bool labelled = k % every == 0 || k == groups.Count - 1;
            points.Add(new PlotSeries
            {
                Label = labelled ? name : "", Kind = SeriesKind.Points, Tone = t,
                X = members.Select(o => o.Get(x)).ToArray(), Y = members.Select(o => o.Metric).ToArray(),
            });
            if (fit is null) continue;
            double typical = Math.Exp(members.Average(o => Math.Log(o.Find(other) ?? 1)));
            var xs = LawEvaluation.LogSpace(members.Min(o => o.Get(x)) / 1.25, members.Max(o => o.Get(x)) * 1.25, CurvePoints);
            lines.Add(new PlotSeries { Label = "", Kind = SeriesKind.Line, X = xs, Y = LawEvaluation.Predict(fit, CurveGrid(x, xs, typical)), Tone = t });
        }
        int fitted = groups.Count(g => g.Fit is not null);
        string caption = $"{rows} runs in {groups.Count} groups, one colour each"
            + (fitted == 0 ? "; no fit given." : $"; lines: {groups.First(g => g.Fit is not null).Fit!.Law.Name} fitted to each of {fitted} groups apart, at the group's typical {SymbolOf(other)}.");
        return new PlotSpec
        {
            Title = $"{metricName} against {SymbolOf(x)} by group",
            X = AxisOf(x),
            Y = new PlotAxis(metricName, null, true),
            Series = [.. lines, .. points],
            ToneLabel = "group",
            Caption = caption,
        };
    }
}
