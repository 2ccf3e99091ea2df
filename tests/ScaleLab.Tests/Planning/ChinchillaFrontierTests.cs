using ScaleLab.Laws;
using ScaleLab.Planning;

namespace ScaleLab.Tests.Planning;

public class ChinchillaFrontierTests
{
    private static readonly ChinchillaFrontier Rounded = new(1.69, 406.4, 410.7, 0.34, 0.28);
    private static readonly ChinchillaFrontier Tex = new(1.6934, 406.4, 410.7, 0.3392, 0.2849);
    private static readonly ChinchillaFrontier TexExact = new(Math.Exp(0.5267228), Math.Exp(6.0073404), Math.Exp(6.0179186), 0.33917084, 0.2849083);
    private static readonly ChinchillaFrontier Besiroglu = new(1.8172, 482.01, 2085.43, 0.3478, 0.3658);

    private static void Rel(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual / expected - 1) <= tolerance, $"expected {expected:G7}, got {actual:G7} (rel {actual / expected - 1:G3})");

    // docs/science.md V8 (Hoffmann et al. 2022 eq. 4 with the rounded eq. 10 parameters).
    [Fact]
    public void Rounded_GopherBudget_MatchesV8()
    {
        Rel(1.34471, Rounded.G, 1e-3);
        Rel(0.451613, Rounded.ExponentA, 1e-3);
        Rel(0.548387, Rounded.ExponentB, 1e-3);
        Rel(3.219e10, Rounded.OptimalParameters(5.76e23), 1e-3);
        Rel(2.982e12, Rounded.OptimalTokens(5.76e23), 1e-3);
        Rel(92.65, Rounded.OptimalTokens(5.76e23) / Rounded.OptimalParameters(5.76e23), 1e-3);
        Rel(1.9307, Rounded.OptimalLoss(5.76e23), 1e-3);
        Rel(1.824e9, Rounded.OptimalParameters(1e21), 1e-3);
        Rel(50.08, Rounded.OptimalTokens(1e21) / Rounded.OptimalParameters(1e21), 1e-3);
        Rel(2.3289, Rounded.OptimalLoss(1e21), 1e-3);
    }

    // docs/science.md V9 (unrounded TeX parameters; "Approach 3 ⇒ ≈40B at the Gopher budget").
    [Fact]
    public void Unrounded_GopherBudget_MatchesV9()
    {
        Rel(1.30039, Tex.G, 1e-3);
        Rel(0.456497, Tex.ExponentA, 1e-3);
        Rel(4.031e10, Tex.OptimalParameters(5.76e23), 1e-3);
        Rel(59.08, Tex.OptimalTokens(5.76e23) / Tex.OptimalParameters(5.76e23), 1e-3);
        Rel(1.9184, Tex.OptimalLoss(5.76e23), 1e-3);
        Rel(2.215e9, Tex.OptimalParameters(1e21), 1e-3);
        Rel(33.98, Tex.OptimalTokens(1e21) / Tex.OptimalParameters(1e21), 1e-3);
        Rel(4.036e10, TexExact.OptimalParameters(5.76e23), 1e-3);
        Rel(58.93, TexExact.OptimalTokens(5.76e23) / TexExact.OptimalParameters(5.76e23), 1e-3);
    }

    // docs/science.md V10 (Besiroglu et al. 2024 refit).
    [Fact]
    public void Refitted_Budgets_MatchV10()
    {
        Rel(0.119628, Besiroglu.G, 1e-3);
        Rel(0.512612, Besiroglu.ExponentA, 1e-3);
        Rel(7.225e10, Besiroglu.OptimalParameters(5.76e23), 1e-3);
        Rel(1.329e12, Besiroglu.OptimalTokens(5.76e23), 1e-3);
        Rel(18.39, Besiroglu.OptimalTokens(5.76e23) / Besiroglu.OptimalParameters(5.76e23), 1e-3);
        Rel(1.9744, Besiroglu.OptimalLoss(5.76e23), 1e-3);
        Rel(2.778e9, Besiroglu.OptimalParameters(1e21), 1e-3);
        Rel(21.59, Besiroglu.OptimalTokens(1e21) / Besiroglu.OptimalParameters(1e21), 1e-3);
        Rel(6.187e11, Besiroglu.OptimalParameters(3.8e25), 1e-3);
        Rel(16.55, Besiroglu.OptimalTokens(3.8e25) / Besiroglu.OptimalParameters(3.8e25), 1e-3);
    }

    // docs/science.md V11 (losses of Chinchilla 70B/1.4T and Gopher 280B/300B under three fits).
    [Fact]
    public void RealConfigurations_ChinchillaBeatsGopherUnderAllFits()
    {
        Rel(1.9366, Rounded.Loss(70e9, 1.4e12), 1e-4);
        Rel(1.9208, Tex.Loss(70e9, 1.4e12), 1e-4);
        Rel(1.9739, Besiroglu.Loss(70e9, 1.4e12), 1e-4);
        Rel(1.9933, Rounded.Loss(280e9, 300e9), 1e-4);
        Rel(1.9673, Tex.Loss(280e9, 300e9), 1e-4);
        Rel(1.9996, Besiroglu.Loss(280e9, 300e9), 1e-4);
        Rel(1.1321, Math.Pow(1e11, 0.2849 - 0.28), 1e-4);
        Rel(1.1069, Math.Pow(1e9, 0.2849 - 0.28), 1e-4);
    }

    // docs/science.md V12: gamma, K and L*(C) = E + K·(C/6)^−gamma equal L(N*, D*).
    [Fact]
    public void LossOptimalCurve_MatchesV12AndTheFrontier()
    {
        Rel(0.153548, Rounded.Gamma, 1e-4);
        Rel(813.68, Rounded.K, 1e-4);
        Rel(0.154844, Tex.Gamma, 1e-4);
        Rel(814.37, Tex.K, 1e-4);
        Rel(0.178286, Besiroglu.Gamma, 1e-4);
        Rel(1967.86, Besiroglu.K, 1e-4);
        Rel(1.93075, Rounded.OptimalLoss(5.76e23), 1e-4);
        Rel(1.91839, Tex.OptimalLoss(5.76e23), 1e-4);
        Rel(1.97444, Besiroglu.OptimalLoss(5.76e23), 1e-4);
        foreach (var f in new[] { Rounded, Tex, Besiroglu })
        {
            double c = 5.76e23;
            Rel(f.Loss(f.OptimalParameters(c), f.OptimalTokens(c)), f.OptimalLoss(c), 1e-12);
            Rel(c, f.ComputeForLoss(f.OptimalLoss(c)), 1e-9);
            Rel(c, 6 * f.OptimalParameters(c) * f.OptimalTokens(c), 1e-15);
        }
    }

    // docs/science.md V13 (Hoffmann Table 3 and Table A3, loose consistency checks).
    [Fact]
    public void PublishedTables_AreConsistentWithinStatedTolerance()
    {
        (double N, double C, double D)[] table3 =
        [
            (400e6, 1.92e19, 8.0e9), (1e9, 1.21e20, 20.2e9), (10e9, 1.23e22, 205.1e9), (175e9, 3.85e24, 3.7e12),
            (280e9, 9.90e24, 5.9e12), (520e9, 3.43e25, 11.0e12), (1e12, 1.27e26, 21.2e12), (10e12, 1.30e28, 216.2e12),
        ];
        foreach (var (n, c, d) in table3) Rel(d, c / (6 * n), 0.01);
        Rel(1.5e12, 5.76e23 / (6 * 67e9), 0.05);
        Rel(1.75e24, Tex.ComputeForParameters(67e9), 0.01);
        Rel(4.36e12, Tex.ComputeForParameters(67e9) / (6 * 67e9), 0.01);
        Rel(1.75e20, Tex.ComputeForParameters(1e9), 0.01);
        Rel(6.54e26, Tex.ComputeForParameters(1e12), 0.01);
        Rel(1.71e24, Tex.ComputeForParameters(67e9), 0.2);
        Rel(2.92e24, Rounded.ComputeForParameters(67e9), 0.01);
    }

    [Fact]
    public void Planner_NumericalPathAgreesWithClosedForm()
    {
        var closed = new PlanningLaw(ChinchillaLaw.Instance, Named(1.8172, 482.01, 2085.43, 0.3478, 0.3658));
        // The data-constrained law with unlimited unique data is the Chinchilla law, but takes the numerical path.
        var numeric = new PlanningLaw(DataConstrainedLaw.Instance, new Dictionary<string, double>(Named(1.8172, 482.01, 2085.43, 0.3478, 0.3658))
        {
            ["R_N_star"] = 5.3, ["R_D_star"] = 15.4,
        });
        var a = ComputeOptimalPlanner.ForCompute(closed, 5.76e23);
        var b = ComputeOptimalPlanner.ForCompute(numeric, 5.76e23);
        Assert.StartsWith("closed form", a.Method);
        Assert.StartsWith("numerical", b.Method);
        Rel(a.Parameters, b.Parameters, 1e-6);
        Rel(a.Loss, b.Loss, 1e-13);
        Assert.Equal(PlanStatus.Solved, b.Status);
        var byLoss = ComputeOptimalPlanner.ForLoss(numeric, a.Loss);
        Rel(5.76e23, byLoss.Compute, 1e-5);
    }

    // Kaplan's joint law (Table 2 constants) has no closed-form planner here, so it takes the numerical path;
    // minimising (N_c/N)^p + 6·D_c·N/C (p = alpha_N/alpha_D) by hand gives N^(p+1) = p·N_c^p·C/(6·D_c).
    [Theory]
    [InlineData(1e19)]
    [InlineData(1e21)]
    [InlineData(1e24)]
    public void Planner_KaplanJointLaw_MatchesItsStationaryPoint(double compute)
    {
        var law = new PlanningLaw(LawRegistry.Get("kaplan"), new Dictionary<string, double> { ["alpha_N"] = 0.076, ["alpha_D"] = 0.103, ["N_c"] = 6.4e13, ["D_c"] = 1.8e13 });
        double p = 0.076 / 0.103;
        double expected = Math.Pow(p * Math.Pow(6.4e13, p) * compute / (6 * 1.8e13), 1 / (p + 1));
        var plan = ComputeOptimalPlanner.ForCompute(law, compute);
        Assert.StartsWith("numerical", plan.Method);
        Rel(expected, plan.Parameters, 1e-6);
        Rel(KaplanFrontier.JointLoss(plan.Parameters, plan.Tokens), plan.Loss, 1e-12);
    }

    [Fact]
    public void Planner_TargetBelowFloor_Fails()
    {
        var law = new PlanningLaw(ChinchillaLaw.Instance, Named(1.69, 406.4, 410.7, 0.34, 0.28));
        var plan = ComputeOptimalPlanner.ForLoss(law, 1.5);
        Assert.Equal(PlanStatus.Failed, plan.Status);
        Assert.Contains(plan.Diagnostics, d => d.Code == "target-unreachable");
    }

    [Fact]
    public void Planner_HardwareAndBootstrap_GiveHoursCostAndIntervals()
    {
        var law = new PlanningLaw(ChinchillaLaw.Instance, Named(1.8172, 482.01, 2085.43, 0.3478, 0.3658))
        {
            // A constructed bootstrap: the refit with beta moved ±0.02 and alpha ±0.01 (law parameter order E, A, B, alpha, beta).
            BootstrapSamples = [[1.8172, 482.01, 2085.43, 0.3378, 0.3458], [1.8172, 482.01, 2085.43, 0.3578, 0.3858], [1.8172, 482.01, 2085.43, 0.3478, 0.3658]],
            MaxFittedCompute = 1e21,
        };
        var hw = new Hardware(989e12, 0.4, 2.5);
        var plan = ComputeOptimalPlanner.ForLoss(law, 2.0, hw);
        Rel(plan.Compute / (989e12 * 0.4) / 3600, plan.GpuHours!.Value, 1e-12);
        Rel(plan.GpuHours!.Value * 2.5, plan.Cost!.Value, 1e-12);
        Assert.True(plan.ExtrapolationRatio > 100);
        Assert.Equal(PlanStatus.SolvedWithWarnings, plan.Status);
        Assert.Contains(plan.Diagnostics, d => d.Code == "extrapolation");
        var n = plan.Intervals[Plan.ParametersKey];
        Assert.Equal(3, n.Samples);
        Assert.True(n.Lower < plan.Parameters && plan.Parameters < n.Upper, $"{n.Lower:G4} < {plan.Parameters:G4} < {n.Upper:G4}");
        Assert.True(plan.Intervals.ContainsKey("cost"));
    }

    internal static Dictionary<string, double> Named(double e, double a, double b, double alpha, double beta) =>
        new() { ["E"] = e, ["A"] = a, ["B"] = b, ["alpha"] = alpha, ["beta"] = beta };
}
