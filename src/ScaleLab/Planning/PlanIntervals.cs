namespace ScaleLab.Planning;

/// <summary>Percentile intervals of planned quantities over bootstrap samples.</summary>
internal static class PlanIntervals
{
    /// <summary>For each named quantity, the (1−level)/2 and (1+level)/2 percentiles of its finite sample values.</summary>
    public static IReadOnlyDictionary<string, PlanInterval> From(IReadOnlyDictionary<string, List<double>> values, double level)
    {
        var result = new Dictionary<string, PlanInterval>(StringComparer.Ordinal);
        foreach (var (name, list) in values)
        {
            var finite = list.Where(double.IsFinite).Order().ToArray();
            if (finite.Length < 2) continue;
            result[name] = new PlanInterval(Percentile(finite, (1 - level) / 2), Percentile(finite, (1 + level) / 2), level, finite.Length);
        }
        return result;
    }

    /// <summary>Linear interpolation between order statistics (numpy's default), p in [0, 1].</summary>
    public static double Percentile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Collects the standard plan outputs of one sample.</summary>
    public static void Add(Dictionary<string, List<double>> values, Plan plan)
    {
        Put(values, "N_opt", plan.Parameters);
        Put(values, "D_opt", plan.Tokens);
        Put(values, "tokens_per_param", plan.TokensPerParameter);
        Put(values, "loss", plan.Loss);
        Put(values, "compute", plan.Compute);
        if (plan.Epochs is { } e) Put(values, "epochs", e);
        if (plan.GpuHours is { } h) Put(values, "gpu_hours", h);
        if (plan.Cost is { } c) Put(values, "cost", c);
        if (plan.TotalCompute is { } t) Put(values, "total_compute", t);
    }

    private static void Put(Dictionary<string, List<double>> values, string name, double v)
    {
        if (!values.TryGetValue(name, out var list)) values[name] = list = [];
        list.Add(v);
    }
}
