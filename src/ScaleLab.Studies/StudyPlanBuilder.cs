using ScaleLab.Data;

namespace ScaleLab.Studies;

/// <summary>Assembles a <see cref="StudyPlan"/>: runs with seeds derived from the study seed, and the regimes fitted from them.</summary>
public sealed class StudyPlanBuilder(string name, long seed, string description)
{
    private readonly List<PlannedRun> _runs = [];
    private readonly List<Regime> _regimes = [];
    private readonly List<(string Symbol, string Meaning)> _symbols = [];

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
    public void AddRegime(string regimeName, ScaleVariable variable, string metric, double theory, string theoryLabel, IEnumerable<string> keys, string? note = null,
        FiniteSizeEffect? finiteSize = null) =>
        _regimes.Add(new Regime(regimeName, variable, metric, theory, theoryLabel, keys.Distinct().ToArray()) { Note = note, FiniteSize = finiteSize });

    /// <summary>Defines a symbol used in regime names or theory labels; defining it again with the same meaning is a no-op.</summary>
    /// <exception cref="ArgumentException">The symbol is already defined with another meaning.</exception>
    public void Define(string symbol, string meaning)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(meaning);
        foreach (var (s, m) in _symbols)
        {
            if (s != symbol) continue;
            if (m != meaning) throw new ArgumentException($"symbol {symbol} is already defined as '{m}'", nameof(meaning));
            return;
        }
        _symbols.Add((symbol, meaning));
    }

    /// <summary>The plan, with runs in the given order (callers put the longest first so workers finish together).</summary>
    public StudyPlan Build(Func<PlannedRun, double>? cost = null) =>
        new(name, seed, description, cost is null ? _runs : _runs.OrderByDescending(cost), _regimes, _symbols);
}
