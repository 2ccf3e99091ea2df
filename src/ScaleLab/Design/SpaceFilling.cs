using ScaleLab.Data;

namespace ScaleLab.Design;

/// <summary>
/// The cheap fill used while there are fewer runs than free parameters (no fit can tell one run from
/// another yet): among the 3p cheapest affordable candidates, the one farthest from every run so far
/// (maximin distance, Johnson, Moore &amp; Ylvisaker 1990) in the logs of the law's variables, each scaled by
/// its spread over the pool; the cheapest candidate when there is no run at all.
/// </summary>
internal static class SpaceFilling
{
    public static int Pick(IReadOnlyList<ScaleVariable> variables, IReadOnlyList<DesignCandidate> candidates, bool[] taken, IReadOnlyList<Observation> existing,
        double budget, int freeParameters)
    {
        var cheap = Enumerable.Range(0, candidates.Count)
            .Where(x => !taken[x] && candidates[x].Cost <= budget)
            .OrderBy(x => candidates[x].Cost).ThenBy(x => x)
            .Take(Math.Max(3 * freeParameters, 1)).ToArray();
        if (cheap.Length == 0) return -1;
        if (existing.Count == 0) return cheap[0];
        var scale = variables.Select(v => Spread(candidates.Select(c => Math.Log(c.Point.Get(v))))).ToArray();
        int best = -1;
        double bestDistance = double.NegativeInfinity;
        foreach (var x in cheap)
        {
            double nearest = double.PositiveInfinity;
            foreach (var o in existing)
            {
                double d = 0;
                for (int v = 0; v < variables.Count; v++)
                {
                    double delta = (Math.Log(candidates[x].Point.Get(variables[v])) - Math.Log(o.Get(variables[v]))) / scale[v];
                    d += delta * delta;
                }
                nearest = Math.Min(nearest, d);
            }
            // Strictly farther wins; the cheap list is in order of cost, so ties go to the cheaper run.
            if (nearest > bestDistance) { best = x; bestDistance = nearest; }
        }
        return best;
    }

    private static double Spread(IEnumerable<double> values)
    {
        var list = values.ToArray();
        double mean = list.Average();
        double sd = Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / list.Length);
        return sd > 0 ? sd : 1;
    }
}
