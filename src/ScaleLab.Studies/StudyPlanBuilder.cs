using ScaleLab.Data;

namespace ScaleLab.Studies;

/// <summary>Assembles a <see cref="StudyPlan"/>: runs with seeds derived from the study seed, and the regimes fitted from them.</summary>
public sealed class StudyPlanBuilder(string name, long seed, string description)
{
    private readonly List<PlannedRun> _runs = [];
    private readonly List<Regime> _regimes = [];

    /// <summary>The study seed.</summary>
    public long Seed => seed;

    /// <summary>The seed for the run (or the group of runs sharing random draws) labelled <paramref name="label"/>.</summary>
    public long SeedFor(string label) => RunSeed.Derive(seed, label);

    /// <summary>Plans a run and returns its key (planning the same specification twice gives one run).</summary>
    public string Add(string kind, string group, object specification, long runSeed)
    {
        var run = PlannedRun.Create(kind, group, specification, runSeed);
        _runs.Add(run);
        return run.Key;
    }

    /// <summary>Adds a regime fitted from the runs with the given keys.</summary>
    public void AddRegime(string regimeName, ScaleVariable variable, string metric, double theory, string theoryLabel, IEnumerable<string> keys, string? note = null) =>
        _regimes.Add(new Regime(regimeName, variable, metric, theory, theoryLabel, keys.Distinct().ToArray()) { Note = note });

    /// <summary>The plan, with runs in the given order (callers put the longest first so workers finish together).</summary>
    public StudyPlan Build(Func<PlannedRun, double>? cost = null) =>
        new(name, seed, description, cost is null ? _runs : _runs.OrderByDescending(cost), _regimes);
}
