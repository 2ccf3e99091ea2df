namespace ScaleLab.Studies;

/// <summary>A study: its name in the store, its seed, the runs it needs and the regimes fitted from them.</summary>
public sealed record StudyPlan
{
    /// <summary>Creates a plan; runs with the same key must not appear twice.</summary>
    public StudyPlan(string name, long seed, string description, IEnumerable<PlannedRun> runs, IEnumerable<Regime>? regimes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Seed = seed;
        Description = description;
        Runs = runs.ToArray();
        Regimes = regimes?.ToArray() ?? [];
        var duplicate = Runs.GroupBy(r => r.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"study '{name}' plans the same run twice: {duplicate.First().Kind} {duplicate.First().SpecificationJson}");
        }
    }

    /// <summary>The study's name in the store.</summary>
    public string Name { get; }

    /// <summary>The seed every run seed derives from.</summary>
    public long Seed { get; }

    /// <summary>What the study measures.</summary>
    public string Description { get; }

    /// <summary>The runs, in the order workers take them (put the longest first).</summary>
    public IReadOnlyList<PlannedRun> Runs { get; }

    /// <summary>The regimes whose exponents are fitted after the runs.</summary>
    public IReadOnlyList<Regime> Regimes { get; }
}
