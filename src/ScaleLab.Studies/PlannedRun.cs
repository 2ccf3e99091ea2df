using ScaleLab.Store;

namespace ScaleLab.Studies;

/// <summary>
/// One run a study asks for: the trainer (<see cref="Kind"/>), its specification record (seed
/// included) and the group it is analysed in. The key comes from the canonical JSON of the
/// specification, so a run that is planned again is recognised as the same run.
/// </summary>
public sealed record PlannedRun
{
    private PlannedRun(string kind, string group, object specification, string json, long seed)
    {
        Kind = kind;
        Group = group;
        Specification = specification;
        SpecificationJson = json;
        Key = CanonicalJson.Key(kind, json);
        Seed = seed;
    }

    /// <summary>The trainer, e.g. <c>random-features</c>.</summary>
    public string Kind { get; }

    /// <summary>The regime or sweep the run belongs to.</summary>
    public string Group { get; }

    /// <summary>The specification record handed to the trainer.</summary>
    public object Specification { get; }

    /// <summary>Canonical JSON of <see cref="Specification"/>.</summary>
    public string SpecificationJson { get; }

    /// <summary>The run key (hex SHA-256 of kind and specification).</summary>
    public string Key { get; }

    /// <summary>The run's seed, as written in the specification.</summary>
    public long Seed { get; }

    /// <summary>Plans a run. <paramref name="seed"/> must be the seed the specification carries (usually from <see cref="RunSeed.Derive"/>).</summary>
    public static PlannedRun Create(string kind, string group, object specification, long seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(group);
        return new PlannedRun(kind, group, specification, CanonicalJson.Serialize(specification), seed);
    }
}
