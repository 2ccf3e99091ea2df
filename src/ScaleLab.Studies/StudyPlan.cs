namespace ScaleLab.Studies;

/// <summary>A study: its name in the store, its seed, the runs it needs and the regimes fitted from them.</summary>
public sealed record StudyPlan
{
    /// <summary>Creates a plan. A run planned twice (same key) is kept once, at its first position.</summary>
    /// <exception cref="ArgumentException">A regime names a run that is not planned.</exception>
    public StudyPlan(string name, long seed, string description, IEnumerable<PlannedRun> runs, IEnumerable<Regime>? regimes = null,
        IEnumerable<(string Symbol, string Meaning)>? symbols = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Seed = seed;
        Description = description;
        Runs = runs.DistinctBy(r => r.Key).ToArray();
        var position = Runs.Select((r, i) => (r.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        var given = regimes?.ToArray() ?? [];
        foreach (var regime in given)
        {
            if (regime.RunKeys.FirstOrDefault(k => !position.ContainsKey(k)) is { } missing)
            {
                throw new ArgumentException($"regime '{regime.Name}' of study '{name}' names run {missing}, which is not planned");
            }
        }
        // Plan order, not the order the regime was assembled in: the bootstrap draws by position.
        Regimes = given.Select(r => r with { RunKeys = r.RunKeys.Distinct(StringComparer.Ordinal).OrderBy(k => position[k]).ToArray() }).ToArray();
        Symbols = symbols?.DistinctBy(s => s.Symbol).ToArray() ?? [];
    }

    /// <summary>The study's name in the store.</summary>
    public string Name { get; }

    /// <summary>The seed every run seed derives from.</summary>
    public long Seed { get; }

    /// <summary>What the study measures.</summary>
    public string Description { get; }

    /// <summary>The runs, in the order workers take them (put the longest first).</summary>
    public IReadOnlyList<PlannedRun> Runs { get; }

    /// <summary>The regimes whose exponents are fitted after the runs, each with its run keys in plan order.</summary>
    public IReadOnlyList<Regime> Regimes { get; }

    /// <summary>What each symbol in the regime names and theory labels stands for (e.g. S, P, D, alpha_K), in the order defined.</summary>
    public IReadOnlyList<(string Symbol, string Meaning)> Symbols { get; }
}
