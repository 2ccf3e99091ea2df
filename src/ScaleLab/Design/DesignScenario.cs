using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;

namespace ScaleLab.Design;

/// <summary>
/// A simulated study: a true law with known parameters, a pool of runs shaped like a real study's, the noise
/// of a run (Gaussian on ln L), the objective the law is fitted with, and the target — the pool's most
/// expensive tenth, which no strategy may train.
/// </summary>
public sealed record DesignScenario
{
    private DesignScenario(string name, ScalingLaw law, IReadOnlyDictionary<string, double> truth, IReadOnlyList<DesignCandidate> pool,
        double noise, FitObjective objective, int[] target)
    {
        Name = name;
        Law = law;
        Truth = truth;
        Pool = pool;
        Noise = noise;
        Objective = objective;
        TargetIndices = target;
        var isTarget = new bool[pool.Count];
        foreach (var t in target) isTarget[t] = true;
        Selectable = Enumerable.Range(0, pool.Count).Where(i => !isTarget[i]).ToArray();
        TotalCost = pool.Sum(c => c.Cost);
        TrueValues = law.Predict(law.FromNamed(truth), ScalingData.From(pool.Select(c => c.Point).ToArray()));
    }

    /// <summary>A scenario; the target is the ⌈n/10⌉ most expensive runs of <paramref name="pool"/> (ties to the later row).</summary>
    public static DesignScenario Create(string name, ScalingLaw law, IReadOnlyDictionary<string, double> truth, IReadOnlyList<DesignCandidate> pool,
        double noise = 0.01, FitObjective? objective = null)
    {
        if (pool.Count < 10) throw new ArgumentException($"scenario '{name}': a pool needs at least 10 runs to hold out its most expensive tenth, got {pool.Count}");
        if (!(noise >= 0) || !double.IsFinite(noise)) throw new ArgumentException($"scenario '{name}': the noise must be a finite number >= 0");
        CandidatePool.Check(law, pool);
        int count = (pool.Count + 9) / 10;
        var target = Enumerable.Range(0, pool.Count).OrderByDescending(i => pool[i].Cost).ThenByDescending(i => i).Take(count).Order().ToArray();
        return new DesignScenario(name, law, truth, pool, noise, objective ?? FitObjective.Default, target);
    }

    /// <summary>Name for tables, e.g. <c>chinchilla/isoflop</c>.</summary>
    public string Name { get; }

    /// <summary>The true law.</summary>
    public ScalingLaw Law { get; }

    /// <summary>Its parameters.</summary>
    public IReadOnlyDictionary<string, double> Truth { get; }

    /// <summary>Every run of the study, the target included.</summary>
    public IReadOnlyList<DesignCandidate> Pool { get; }

    /// <summary>Standard deviation of a run's ln L about the truth.</summary>
    public double Noise { get; }

    /// <summary>The objective every fit uses.</summary>
    public FitObjective Objective { get; }

    /// <summary>Pool indices of the target (the most expensive tenth).</summary>
    public IReadOnlyList<int> TargetIndices { get; }

    /// <summary>Pool indices a strategy may train.</summary>
    public IReadOnlyList<int> Selectable { get; }

    /// <summary>What the whole pool costs: the budgets are fractions of it.</summary>
    public double TotalCost { get; }

    /// <summary>The true (noise-free) metric at every pool run.</summary>
    public IReadOnlyList<double> TrueValues { get; }
}
