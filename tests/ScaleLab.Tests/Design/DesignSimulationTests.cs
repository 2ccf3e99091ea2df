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
    /// The claim, as far as it holds (docs/design.md has the whole table): on the N × D grid and the
    /// data-constrained grid ScaleLab's selection beats random, cheapest-first, cost-weighted random, D-optimal
    /// and V-optimal selection on average — lower mean target RMSLE and higher mean target R² — at 5 % and 10 %
    /// of the pool's cost, over 20 replicates with seed 1.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void ScaleLab_BeatsEveryBaseline_OnTheGridStudiesAtFiveAndTenPercent()
    {
        var all = DesignScenarios.All();
        var options = new DesignSimulationOptions { Scenarios = [all[1], all[2]], Replicates = 20, Fractions = [0.05, 0.1], Seed = 1 };
        var result = DesignSimulation.Run(options);
        foreach (var scenario in options.Scenarios)
        foreach (var fraction in options.Fractions)
        {
            var own = result.Scores.Single(s => s.Scenario == scenario.Name && s.Fraction == fraction && s.Strategy == SelectionStrategy.ScaleLab);
            foreach (var other in result.Scores.Where(s => s.Scenario == scenario.Name && s.Fraction == fraction && s.Strategy != SelectionStrategy.ScaleLab))
            {
                Assert.True(own.MeanRmsle < other.MeanRmsle && own.MeanRSquared > other.MeanRSquared,
                    $"{scenario.Name} at {fraction:P0}: ScaleLab RMSLE {own.MeanRmsle:G4}, R² {own.MeanRSquared:G4}; {other.Strategy} RMSLE {other.MeanRmsle:G4}, R² {other.MeanRSquared:G4}");
            }
            Assert.True(result.ScaleLabWins(scenario.Name, fraction));
        }
    }
}
