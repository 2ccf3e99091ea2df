using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Numerics;
using ScaleLab.Quantities;

namespace ScaleLab.Planning;

/// <summary>
/// Chinchilla Approach 1, the lower envelope of training curves (Hoffmann et al. 2022 §3.1;
/// each run's loss is interpolated linearly in ln C between its checkpoints; at
/// log-spaced compute values (Hoffmann used 1500) the run with the lowest loss is picked, giving
/// (N, D) per C; ln N and ln D are then regressed on ln C.
/// Valid only when each checkpoint used is fully trained for its horizon (cosine matched to the run,
/// or WSD cool-downs); intermediate checkpoints of long cosine runs bias a upward (Kaplan's fixed
/// horizon), so the share of envelope points in the last 15% of their runs is reported.
/// </summary>
public static class EnvelopeAnalysis
{
    /// <summary>
    /// Analyses checkpoints (<see cref="Observation.Compute"/> and <see cref="Observation.Tokens"/> are
    /// cumulative at the checkpoint). Runs are keyed by <paramref name="runKey"/>, by default the run id,
    /// else the group, else the parameter count.
    /// </summary>
    public static EnvelopeResult Analyse(IReadOnlyList<Observation> checkpoints, int gridPoints = 1500, Func<Observation, string>? runKey = null,
        double? minCompute = null, double? maxCompute = null)
    {
        if (gridPoints < 2) throw new ArgumentOutOfRangeException(nameof(gridPoints), "need at least 2 grid points");
        bool keyedBySize = runKey is null && checkpoints.All(o => o.RunId is null && o.Group is null);
        runKey ??= o => o.RunId ?? o.Group ?? o.Parameters.Value.ToString("R", CultureInfo.InvariantCulture);
        var runs = checkpoints.GroupBy(runKey, StringComparer.Ordinal)
            .Select(g => Curve.From(g.Key, g))
            .Where(c => c.LnC.Length >= 1)
            .ToArray();
        var diagnostics = new List<Diagnostic>();
        if (runs.Length == 0) throw new ArgumentException("no training curves");
        if (keyedBySize)
        {
            diagnostics.Add(Diagnostic.Warning("runs-keyed-by-size",
                "the input names no runs, so checkpoints are grouped by parameter count: if several runs share a size (other horizons or learning rates), name the columns that identify a run"));
        }
        double lo = Math.Log(minCompute ?? runs.Min(r => Math.Exp(r.LnC[0])));
        double hi = Math.Log(maxCompute ?? runs.Max(r => Math.Exp(r.LnC[^1])));
        var points = new List<EnvelopePoint>();
        for (int k = 0; k < gridPoints; k++)
        {
            double lnC = hi > lo ? lo + (hi - lo) * k / (gridPoints - 1) : lo;
            Curve? best = null;
            double bestLoss = double.PositiveInfinity, bestTokens = double.NaN;
            foreach (var r in runs)
            {
                if (!r.TryAt(lnC, out var loss, out var lnTokens)) continue;
                if (loss < bestLoss) { bestLoss = loss; best = r; bestTokens = Math.Exp(lnTokens); }
            }
            if (best is null) continue;
            points.Add(new EnvelopePoint(Math.Exp(lnC), best.Key, best.Parameters, bestTokens, bestLoss, bestTokens / best.FinalTokens));
        }
        var x = points.Select(p => Math.Log(p.Compute)).ToArray();
        var fitN = LinearFit.Of(x, points.Select(p => Math.Log(p.Parameters)).ToArray());
        var fitD = LinearFit.Of(x, points.Select(p => Math.Log(p.Tokens)).ToArray());
        int distinct = points.Select(p => p.Parameters).Distinct().Count();
        double share = points.Count == 0 ? double.NaN : points.Count(p => p.FractionOfRun >= 0.85) / (double)points.Count;
        if (distinct < 3)
        {
            diagnostics.Add(Diagnostic.Warning("few-sizes-on-envelope", $"only {distinct} model size(s) ever win: the exponent a rests on too few sizes"));
        }
        if (share < 0.5)
        {
            diagnostics.Add(Diagnostic.Warning("intermediate-checkpoints",
                $"only {Quantity.Fixed(100 * share, 0)}% of the envelope lies in the last 15% of its runs (Hoffmann: all of it did): intermediate checkpoints are valid points only if each was fully trained for its horizon; otherwise a is biased upward (Hoffmann et al. 2022 §3.1)"));
        }
        diagnostics.Add(Diagnostic.Info("envelope",
            $"{points.Count} grid values of C over {runs.Length} runs, {distinct} sizes on the envelope; loss interpolated linearly in ln C between checkpoints"));
        return new EnvelopeResult
        {
            Points = points, Runs = runs.Length, ExponentA = fitN.Slope, ExponentB = fitD.Slope, InterceptN = fitN.Intercept,
            InterceptD = fitD.Intercept, DistinctSizes = distinct, ShareInLast15Percent = share, Diagnostics = diagnostics,
        };
    }

    private sealed class Curve
    {
        public required string Key { get; init; }
        public required double Parameters { get; init; }
        public required double FinalTokens { get; init; }
        public required double[] LnC { get; init; }
        public required double[] Loss { get; init; }
        public required double[] LnTokens { get; init; }

        public static Curve From(string key, IEnumerable<Observation> checkpoints)
        {
            // Checkpoints at equal compute keep the last one listed (a re-evaluation).
            var ordered = checkpoints.GroupBy(o => o.Compute.Value).Select(g => g.Last()).OrderBy(o => o.Compute.Value).ToArray();
            return new Curve
            {
                Key = key,
                Parameters = ordered[0].Parameters.Value,
                FinalTokens = ordered[^1].Tokens.Value,
                LnC = ordered.Select(o => o.Compute.Log).ToArray(),
                Loss = ordered.Select(o => o.Metric).ToArray(),
                LnTokens = ordered.Select(o => o.Tokens.Log).ToArray(),
            };
        }

        public bool TryAt(double lnC, out double loss, out double lnTokens)
        {
            loss = lnTokens = double.NaN;
            const double slack = 1e-12;
            if (lnC < LnC[0] - slack || lnC > LnC[^1] + slack) return false;
            int i = Array.BinarySearch(LnC, lnC);
            if (i >= 0) { loss = Loss[i]; lnTokens = LnTokens[i]; return true; }
            i = ~i;
            if (i == 0) { loss = Loss[0]; lnTokens = LnTokens[0]; return true; }
            if (i >= LnC.Length) { loss = Loss[^1]; lnTokens = LnTokens[^1]; return true; }
            double t = (lnC - LnC[i - 1]) / (LnC[i] - LnC[i - 1]);
            loss = Loss[i - 1] + t * (Loss[i] - Loss[i - 1]);
            lnTokens = LnTokens[i - 1] + t * (LnTokens[i] - LnTokens[i - 1]);
            return true;
        }
    }
}
