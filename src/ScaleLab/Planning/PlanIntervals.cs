using ScaleLab.Uncertainty;

namespace ScaleLab.Planning;

/// <summary>Percentile intervals of planned quantities over bootstrap samples.</summary>
internal static class PlanIntervals
{
    /// <summary>For each named quantity, the (1−level)/2 and (1+level)/2 percentiles of its finite sample values.</summary>
    public static IReadOnlyDictionary<string, Interval> From(IReadOnlyDictionary<string, List<double>> values, double level)
    {
        var result = new Dictionary<string, Interval>(StringComparer.Ordinal);
        foreach (var (name, list) in values)
        {
            var finite = list.Where(double.IsFinite).ToArray();
            if (finite.Length < 2) continue;
            result[name] = PercentileInterval.Compute(finite, level);
        }
        return result;
    }

    /// <summary>Collects the standard plan outputs of one sample.</summary>
    public static void Add(Dictionary<string, List<double>> values, Plan plan)
    {
        Put(values, Plan.ParametersKey, plan.Parameters);
        Put(values, Plan.TokensKey, plan.Tokens);
        Put(values, Plan.TokensPerParameterKey, plan.TokensPerParameter);
        Put(values, Plan.LossKey, plan.Loss);
        Put(values, Plan.ComputeKey, plan.Compute);
        if (plan.Epochs is { } e) Put(values, "epochs", e);
        if (plan.GpuHours is { } h) Put(values, "gpuHours", h);
        if (plan.Cost is { } c) Put(values, "cost", c);
        if (plan.EnergyKwh is { } kwh) Put(values, Plan.EnergyKey, kwh);
        if (plan.EmissionsKgCo2e is { } co2) Put(values, Plan.EmissionsKey, co2);
        if (plan.TotalCompute is { } t) Put(values, "totalCompute", t);
    }

    private static void Put(Dictionary<string, List<double>> values, string name, double v)
    {
        if (!values.TryGetValue(name, out var list)) values[name] = list = [];
        list.Add(v);
    }
}
