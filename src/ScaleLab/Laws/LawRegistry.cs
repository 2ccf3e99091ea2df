namespace ScaleLab.Laws;

/// <summary>Every law by its command-line name. Add a law here when its file lands.</summary>
public static class LawRegistry
{
    private static readonly Dictionary<string, Func<ScalingLaw>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["chinchilla"] = () => ChinchillaLaw.Instance,
        ["m1"] = () => M1Law.Instance,
        ["m2"] = () => M2Law.Instance,
        ["m3"] = () => M3Law.Instance,
        ["m4"] = () => M4Law.Instance,
    };

    /// <summary>The registered names, sorted.</summary>
    public static IReadOnlyList<string> Names => Factories.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The law with this name; throws <see cref="ArgumentException"/> naming the known laws otherwise.</summary>
    public static ScalingLaw Get(string name)
    {
        if (Factories.TryGetValue(name.Trim(), out var make)) return make();
        throw new ArgumentException($"unknown law '{name}' (known: {string.Join(", ", Names)})");
    }
}
