using ScaleLab.Design;

namespace ScaleLab.Tests.Design;

public class DesignSimulationTests
{
    [Fact]
    public void Run_SameSeed_SameResultForAnyThreadCount()
    {
        var options = new DesignSimulationOptions
        {
            Scenarios = [DesignScenarios.All()[1]], Replicates = 2, Fractions = [0.05], BasinStarts = 4,
            Strategies = [SelectionStrategy.Random, SelectionStrategy.VOptimal, SelectionStrategy.ScaleLab],
        };
        var one = DesignSimulation.Run(options with { Parallelism = 1 });
        var two = DesignSimulation.Run(options with { Parallelism = 2 });
        Assert.Equal(one.Replicates, two.Replicates);
        Assert.Equal(6, one.Replicates.Count);
        Assert.All(one.Replicates, r => Assert.InRange(r.Spent, 0, 0.05 + 1e-12));
    }

    [Fact]
    public void Run_FinishedTasks_AreKeptNotRepeated()
    {
        var options = new DesignSimulationOptions
        {
            Scenarios = [DesignScenarios.All()[1]], Replicates = 1, Fractions = [0.05], BasinStarts = 4,
            Strategies = [SelectionStrategy.CheapestFirst, SelectionStrategy.Random],
        };
        var fake = new DesignReplicate("chinchilla/grid", 0, 0.05, SelectionStrategy.CheapestFirst, 0.5, 0.123, 7, 0.04);
        var ran = new List<DesignReplicate>();
        var result = DesignSimulation.Run(options, [fake], ran.Add);
        Assert.Equal(fake, result.Replicates[0]);
        Assert.Equal(SelectionStrategy.Random, Assert.Single(ran).Strategy);
    }

    [Fact]
    public void Scenarios_HoldOutTheMostExpensiveTenth()
    {
        foreach (var s in DesignScenarios.All())
        {
            Assert.Equal((s.Pool.Count + 9) / 10, s.TargetIndices.Count);
            double cheapestTarget = s.TargetIndices.Min(i => s.Pool[i].Cost);
            Assert.All(s.Selectable, i => Assert.True(s.Pool[i].Cost <= cheapestTarget * (1 + 1e-12)));
        }
    }

    /// <summary>
    /// The claim that ScaleLab's selection beats every baseline, in the form the simulation bears out (docs/design.md has the whole table, seed 1 and 2):
    /// averaged over the Chinchilla IsoFLOP, Chinchilla N × D and data-constrained studies (20 replicates each,
    /// seed 1), ScaleLab's selection has a lower mean target RMSLE and a higher mean target R² than random,
    /// cheapest-first, cost-weighted random, D-optimal and V-optimal selection at 5 % and at 10 % of the pools'
    /// cost. Study by study it is not always first (the differences are within the replicates' scatter there),
    /// and on the one-break BNSL D- and V-optimal selection do better; neither is asserted.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void ScaleLab_BeatsEveryBaseline_OnAverageOverTheStudies_AtFiveAndTenPercent()
    {
        var all = DesignScenarios.All();
        var options = new DesignSimulationOptions { Scenarios = [all[0], all[1], all[2]], Replicates = 20, Fractions = [0.05, 0.1], Seed = 1 };
        var result = DesignSimulation.Run(options);
        foreach (var fraction in options.Fractions)
        {
            var here = result.Scores.Where(s => s.Fraction == fraction).GroupBy(s => s.Strategy)
                .ToDictionary(g => g.Key, g => (Rmsle: g.Average(s => s.MeanRmsle), RSquared: g.Average(s => s.MeanRSquared)));
            var own = here[SelectionStrategy.ScaleLab];
            foreach (var (strategy, other) in here.Where(kv => kv.Key != SelectionStrategy.ScaleLab))
            {
                Assert.True(own.Rmsle < other.Rmsle && own.RSquared > other.RSquared,
                    $"at {fraction:P0}: ScaleLab RMSLE {own.Rmsle:G4}, R² {own.RSquared:G4}; {strategy} RMSLE {other.Rmsle:G4}, R² {other.RSquared:G4}");
            }
        }
    }
}
