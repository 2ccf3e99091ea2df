using ScaleLab.Laws;
using ScaleLab.Planning;

namespace ScaleLab.Tests.Planning;

public class InferenceAwarePlannerTests
{
    // Sardana & Frankle 2023 refined Chinchilla exponents (docs/science.md §4).
    private static readonly PlanningLaw Law = new(ChinchillaLaw.Instance, ChinchillaFrontierTests.Named(1.69, 406.4, 410.7, 0.336, 0.283));

    // docs/science.md V14: all four examples of Sardana & Frankle 2023 ("X-Chinchilla quality").
    [Theory]
    [InlineData(7e9, 1e11, 2.764e11, 6.00e9, 1.176, 0.0085)]
    [InlineData(30e9, 1e13, 1.556e12, 1.361e10, 2.845, 0.2798)]
    [InlineData(70e9, 1e13, 4.255e12, 4.155e10, 7.923e12 / 4.255e12, 0.1195)]
    [InlineData(13e9, 2e12, 5.765e11, 6.97e9, 1.248e12 / 5.765e11, 0.1745)]
    public void SardanaExamples_ReproducePublishedOptima(double n0, double inference, double d0Expected, double nExpected, double dRatio, double saving)
    {
        var f = ChinchillaFrontier.FromNamed(Law.Parameters);
        Assert.InRange(f.G, 1.29735 - 1e-5, 1.29735 + 1e-5);
        Assert.InRange(f.ExponentA, 0.457189 - 1e-6, 0.457189 + 1e-6);
        double d0 = f.ComputeForParameters(n0) / (6 * n0);
        Assert.InRange(d0 / d0Expected, 1 - 2e-3, 1 + 2e-3);
        double loss = f.Loss(n0, d0);
        var plan = InferenceAwarePlanner.ForLoss(Law, loss, inference);
        Assert.Equal(PlanStatus.Solved, plan.Status);
        Assert.InRange(plan.Parameters / nExpected, 1 - 2e-3, 1 + 2e-3);
        Assert.InRange(plan.Tokens / d0 / dRatio, 1 - 2e-3, 1 + 2e-3);
        Assert.InRange(plan.Saving!.Value, saving - 0.002, saving + 0.002);
        Assert.Equal(loss, Law.Loss(plan.Parameters, plan.Tokens), 12);
        Assert.InRange(plan.Baseline!.Parameters / n0, 1 - 1e-9, 1 + 1e-9);
        var foc = Assert.Single(plan.Diagnostics, d => d.Code == "first-order-condition");
        Assert.Equal(ScaleLab.Diagnostics.DiagnosticSeverity.Info, foc.Severity);
    }

    // docs/science.md V14: at the 30B solution eps_N/eps_D = 1.753085 = 1 + D_inf/(3 D*).
    [Fact]
    public void FirstOrderCondition_HoldsAt30BExample()
    {
        var f = ChinchillaFrontier.FromNamed(Law.Parameters);
        double d0 = f.ComputeForParameters(30e9) / (6 * 30e9);
        var plan = InferenceAwarePlanner.ForLoss(Law, f.Loss(30e9, d0), 1e13);
        double ratio = f.Alpha * f.A * Math.Pow(plan.Parameters, -f.Alpha) / (f.Beta * f.B * Math.Pow(plan.Tokens, -f.Beta));
        Assert.InRange(ratio, 1.753085 - 2e-4, 1.753085 + 2e-4);
        Assert.Equal(1 + 1e13 / (3 * plan.Tokens), ratio, 6);
        // Saving of the 13B example in FLOPs: 1.69e22 (Sardana Fig. 1 "saves 1.7e22").
        double d13 = f.ComputeForParameters(13e9) / (6 * 13e9);
        var p13 = InferenceAwarePlanner.ForLoss(Law, f.Loss(13e9, d13), 2e12);
        double saved = p13.Baseline!.Compute + 2 * p13.Baseline.Parameters * 2e12 - p13.TotalCompute!.Value;
        Assert.InRange(saved, 1.68e22, 1.70e22);
    }

    [Fact]
    public void NoInference_ReducesToComputeOptimal()
    {
        var reference = ComputeOptimalPlanner.ForCompute(Law, 1e23);
        var plan = InferenceAwarePlanner.ForComputeQuality(Law, 1e23, 0);
        Assert.InRange(plan.Parameters / reference.Parameters, 1 - 1e-6, 1 + 1e-6);
        Assert.InRange(plan.Saving!.Value, -1e-12, 1e-12);
    }
}
