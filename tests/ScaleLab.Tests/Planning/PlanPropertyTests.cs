using FsCheck.Xunit;
using ScaleLab.Laws;
using ScaleLab.Planning;

namespace ScaleLab.Tests.Planning;

public class PlanPropertyTests
{
    private static readonly double[] Perturbations = [0.5, 0.9, 0.99, 0.999, 1.001, 1.01, 1.1, 2];

    private static Dictionary<string, double> Law(byte e, byte a, byte b, byte alpha, byte beta) => new()
    {
        ["E"] = 1 + e / 255.0,
        ["A"] = 50 * Math.Pow(100, a / 255.0),
        ["B"] = 50 * Math.Pow(100, b / 255.0),
        ["alpha"] = 0.2 + 0.4 * alpha / 255.0,
        ["beta"] = 0.2 + 0.4 * beta / 255.0,
    };

    private static bool SpendsBudgetAndIsOptimal(Plan plan, Func<double, double, double> loss)
    {
        double c = plan.Compute;
        if (Math.Abs(6 * plan.Parameters * plan.Tokens / c - 1) > 1e-12) return false;
        foreach (var f in Perturbations)
        {
            double n = plan.Parameters * f;
            if (loss(n, c / (6 * n)) < plan.Loss - 1e-14 * plan.Loss) return false;
        }
        return Math.Abs(loss(plan.Parameters, plan.Tokens) - plan.Loss) <= 1e-14 * plan.Loss;
    }

    // Every compute-optimal plan spends exactly its budget, and no other split of the same budget predicts a lower loss.
    [Property(MaxTest = 300)]
    public bool ChinchillaClosedForm_SpendsBudget_NoBetterSplit(byte e, byte a, byte b, byte alpha, byte beta, byte budget)
    {
        var law = new PlanningLaw(ChinchillaLaw.Instance, Law(e, a, b, alpha, beta));
        double c = Math.Pow(10, 17 + 11 * budget / 255.0);
        return SpendsBudgetAndIsOptimal(ComputeOptimalPlanner.ForCompute(law, c), (n, d) => law.Loss(n, d));
    }

    [Property(MaxTest = 100)]
    public bool Numerical_SpendsBudget_NoBetterSplit(byte e, byte a, byte b, byte alpha, byte beta, byte budget, byte unique)
    {
        var named = Law(e, a, b, alpha, beta);
        named["R_N_star"] = 5.3;
        named["R_D_star"] = 15.4;
        var law = new PlanningLaw(DataConstrainedLaw.Instance, named);
        double c = Math.Pow(10, 17 + 11 * budget / 255.0);
        var plain = ComputeOptimalPlanner.ForCompute(law, c);
        if (!SpendsBudgetAndIsOptimal(plain, (n, d) => law.Loss(n, d))) return false;
        // Unique data from 1e-3× to 10× the compute-optimal token count.
        double u = plain.Tokens * Math.Pow(10, -3 + 4 * unique / 255.0);
        var constrained = DataConstrainedPlanner.ForCompute(law, c, u);
        return SpendsBudgetAndIsOptimal(constrained, (n, d) => law.Loss(n, d, u)) && constrained.Loss >= plain.Loss - 1e-14;
    }
}
