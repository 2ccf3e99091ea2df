using ScaleLab.Laws;
using ScaleLab.Planning;
using ScaleLab.Tests.Laws;

namespace ScaleLab.Tests.Planning;

public class DataConstrainedPlannerTests
{
    private static readonly PlanningLaw Law = new(DataConstrainedLaw.Instance, DataConstrainedLawTests.Published);

    // datablations README: the grid search around (8.67e9 params, 178e9 tokens, 25e9 unique) — about 1e22 FLOPs —
    // prints "227B tokens, 9.1 epochs, 6.8B parameters". The exact optimum rounds to the same and beats every grid point.
    [Fact]
    public void ReadmeBudget_ExactOptimumMatchesAndBeatsTheGrid()
    {
        double compute = 6 * 8.67e9 * 178e9, unique = 25e9;
        var plan = DataConstrainedPlanner.ForCompute(Law, compute, unique);
        Assert.Equal(PlanStatus.Solved, plan.Status);
        Assert.InRange(plan.Parameters, 6.75e9, 6.85e9);
        Assert.InRange(plan.Tokens, 226.5e9, 227.5e9);
        Assert.InRange(plan.Epochs!.Value, 9.05, 9.15);
        Assert.Equal(compute, 6 * plan.Parameters * plan.Tokens, compute * 1e-15);
        // The README's grid: i ∈ linspace(1.0001, 3, 500), (N/i, D·i) and (N·i, D/i).
        double gridBest = double.PositiveInfinity;
        for (int k = 0; k < 500; k++)
        {
            double i = 1.0001 + (3 - 1.0001) * k / 499;
            gridBest = Math.Min(gridBest, Law.Loss(8.67e9 / i, 178e9 * i, 25e9));
            gridBest = Math.Min(gridBest, Law.Loss(8.67e9 * i, 178e9 / i, 25e9));
        }
        Assert.True(plan.Loss <= gridBest, $"exact {plan.Loss:R} vs grid {gridBest:R}");
        // With unlimited unique data the same budget does better, on fewer tokens per parameter.
        Assert.True(plan.Baseline!.Loss < plan.Loss);
        Assert.True(plan.Baseline.TokensPerParameter < plan.TokensPerParameter);
        // Stationary: moving N by ±0.1 % either way along the budget raises the loss.
        foreach (var factor in new[] { 0.999, 1.001 })
        {
            double n = plan.Parameters * factor;
            Assert.True(Law.Loss(n, compute / (6 * n), unique) > plan.Loss);
        }
    }

    [Fact]
    public void AmpleUniqueData_GivesTheComputeOptimalPlan()
    {
        var unconstrained = ComputeOptimalPlanner.ForCompute(Law, 1e22);
        var plan = DataConstrainedPlanner.ForCompute(Law, 1e22, 1e13);
        Assert.InRange(plan.Parameters / unconstrained.Parameters, 1 - 1e-6, 1 + 1e-6);
        Assert.True(plan.Epochs < 1);
    }

    [Fact]
    public void ChinchillaFit_IsLiftedWithPublishedDecayConstants()
    {
        var chinchilla = new PlanningLaw(ChinchillaLaw.Instance, DataConstrainedLawTests.Published.Where(kv => !kv.Key.StartsWith('R'))
            .ToDictionary(kv => kv.Key, kv => kv.Value));
        var lifted = DataConstrainedPlanner.ForCompute(chinchilla, 1e22, 25e9);
        var direct = DataConstrainedPlanner.ForCompute(Law, 1e22, 25e9);
        Assert.Equal(direct.Parameters, lifted.Parameters, direct.Parameters * 1e-12);
        Assert.Contains(lifted.Diagnostics, d => d.Code == "published-decay-constants");
        Assert.Throws<ArgumentException>(() => DataConstrainedPlanner.Lift(new PlanningLaw(new ScaleLab.Tests.Planning.NoDataLaw(), new Dictionary<string, double> { ["k"] = 1 })));
    }
}
