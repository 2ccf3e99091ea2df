using ScaleLab.Data;

namespace ScaleLab.Laws;

/// <summary>
/// Every law by its command-line name. Single-variable laws take the variable as a suffix
/// (<c>power-law-n</c>, <c>-d</c>, <c>-c</c>); BNSL takes an optional variable suffix and a break
/// count (<c>bnsl</c> = one break in D, <c>bnsl:2</c>, <c>bnsl-c:0</c>).
/// </summary>
public static class LawRegistry
{
    private static readonly Dictionary<string, Func<ScalingLaw>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["chinchilla"] = () => ChinchillaLaw.Instance,
        ["data-constrained"] = () => DataConstrainedLaw.Instance,
        ["m1"] = () => M1Law.Instance,
        ["m2"] = () => M2Law.Instance,
        ["m3"] = () => M3Law.Instance,
        ["m4"] = () => M4Law.Instance,
        ["kaplan"] = () => KaplanLaw.Instance,
        ["kaplan-n"] = () => new PurePowerLaw(ScaleVariable.Parameters),
        ["kaplan-d"] = () => new PurePowerLaw(ScaleVariable.Tokens),
        ["kaplan-c"] = () => new PurePowerLaw(ScaleVariable.Compute),
        ["power-law-n"] = () => new PowerLawWithFloor(ScaleVariable.Parameters),
        ["power-law-d"] = () => new PowerLawWithFloor(ScaleVariable.Tokens),
        ["power-law-c"] = () => new PowerLawWithFloor(ScaleVariable.Compute),
        ["bnsl"] = () => new BrokenPowerLaw(ScaleVariable.Tokens),
        ["bnsl-n"] = () => new BrokenPowerLaw(ScaleVariable.Parameters),
        ["bnsl-d"] = () => new BrokenPowerLaw(ScaleVariable.Tokens),
        ["bnsl-c"] = () => new BrokenPowerLaw(ScaleVariable.Compute),
        ["zhai"] = () => ZhaiLaw.Instance,
        ["gordon-nmt"] = () => GordonNmtLaw.Instance,
        ["bleu-link"] = () => BleuLinkLaw.Instance,
        ["ghorbani-nmt"] = () => GhorbaniNmtLaw.Instance,
        ["hernandez-transfer"] = () => HernandezTransferLaw.Instance,
        ["clark-routed"] = () => ClarkRoutedLaw.Instance,
        ["clark-dense"] = () => ClarkDenseLaw.Instance,
        ["jones-elo"] = () => JonesEloLaw.Instance,
        ["coverage"] = () => CoverageLaw.Instance,
        ["gadre-overtraining"] = () => GadreOvertrainingLaw.Instance,
        ["kaplan-steps"] = () => KaplanStepsLaw.Instance,
        ["henighan"] = () => new HenighanLaw(ScaleVariable.Compute),
        ["henighan-n"] = () => new HenighanLaw(ScaleVariable.Parameters),
        ["henighan-d"] = () => new HenighanLaw(ScaleVariable.Tokens),
        ["sigmoid-link"] = () => SigmoidLinkLaw.Instance,
        ["exp-error-link"] = () => ExpErrorLinkLaw.Instance,
    };

    /// <summary>The registered names, sorted (BNSL also accepts a <c>:k</c> break count).</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            // Array.Sort rather than LINQ's Order, whose helpers over ints are compiled at start-up (every
            // `scalelab fit` lists the names in its help text).
            var names = new string[Factories.Count];
            Factories.Keys.CopyTo(names, 0);
            Array.Sort(names, StringComparer.Ordinal);
            return names;
        }
    }

    /// <summary>The law with this name; throws <see cref="ArgumentException"/> naming the known laws otherwise.</summary>
    public static ScalingLaw Get(string name)
    {
        var key = name.Trim();
        if (Factories.TryGetValue(key, out var make)) return make();
        int colon = key.IndexOf(':');
        if (colon > 0 && key.StartsWith("bnsl", StringComparison.OrdinalIgnoreCase))
        {
            var head = key[..colon];
            var variable = head.Length == 4 ? ScaleVariable.Tokens : head[4] == '-' ? VariableNames.FromSuffix(head[5..]) : null;
            if (variable is { } v && int.TryParse(key[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var breaks) && breaks <= 8)
            {
                return new BrokenPowerLaw(v, breaks);
            }
            throw new ArgumentException($"cannot read '{name}': use bnsl[-n|-d|-c]:k with k = 0..8 breaks");
        }
        throw new ArgumentException($"unknown law '{name}' (known: {string.Join(", ", Names)}; bnsl takes :k for k breaks)");
    }
}
