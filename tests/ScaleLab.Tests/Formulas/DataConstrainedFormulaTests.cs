using ScaleLab.Data;
using ScaleLab.Formulas;
using ScaleLab.Laws;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Formulas;

/// <summary>
/// Muennighoff et al. 2023 (arXiv:2305.16264, eqs. 5-6) written with definitions, against the built-in
/// Laws/DataConstrainedLaw.cs on the 182 datablations runs the paper fitted.
/// </summary>
public class DataConstrainedFormulaTests
{
    public static readonly string[] Definitions =
    [
        "U_D = min(U, D)",
        "R_D = max(D/U_D - 1, 0)",
        "D_eff = U_D + U_D*R_Dstar*(1 - exp(-R_D/R_Dstar))",
        "N_opt = (alpha*A/(beta*B))^(1/alpha)*U_D^(beta/alpha)",
        "U_N = min(N, N_opt)",
        "R_N = max(N/U_N - 1, 0)",
        "N_eff = U_N + U_N*R_Nstar*(1 - exp(-R_N/R_Nstar))",
    ];

    public static CompiledFormula Compile() => CompiledFormula.Compile(
        FormulaProgram.Create("E + A*N_eff^-alpha + B*D_eff^-beta", Definitions, ["N", "D", "U"]),
        ["E", "A", "B", "alpha", "beta", "R_Nstar", "R_Dstar"],
        [ParameterTransform.Log, ParameterTransform.Log, ParameterTransform.Log, ParameterTransform.Identity, ParameterTransform.Identity,
            ParameterTransform.Log, ParameterTransform.Log]);

    [SkippableFact]
    public void EvaluateLog_OnDatablations_AgreesWithBuiltInLaw()
    {
        var rows = Datablations.Load182();
        Skip.If(rows is null, SharedData.Missing);
        var data = ScalingData.From(rows);
        var compiled = Compile();
        var byName = new Dictionary<string, double[]>
        {
            ["N"] = data.Values(ScaleVariable.Parameters).ToArray(),
            ["D"] = data.Values(ScaleVariable.Tokens).ToArray(),
            ["U"] = data.Values(ScaleVariable.UniqueTokens).ToArray(),
        };
        var evaluator = compiled.Bind(byName);
        int n = data.Count, p = 7;
        // The README fit of the datablations repository (e, a, b, alpha = beta, R_N*, R_D*), and a point with
        // unequal exponents where many runs are past the compute-optimal size (the min(N, N_opt) branch).
        double[][] thetas =
        [
            [0.6254804, 6.255414, 7.3049974, 0.3526596, 0.3526596, Math.Log(5.309743), Math.Log(15.387756)],
            [0.5, 4.0, 9.0, 0.25, 0.45, Math.Log(2.0), Math.Log(40.0)],
        ];
        foreach (var theta in thetas)
        {
            var expected = new double[n];
            var expectedJ = new double[p * n];
            DataConstrainedLaw.Instance.EvaluateLog(theta, data, expected, expectedJ);
            var actual = new double[n];
            var actualJ = new double[p * n];
            var kinks = new FormulaKinkActivity[compiled.KinkSites.Count];
            evaluator.EvaluateLog(theta, actual, actualJ, kinks);
            if (theta == thetas[1]) Assert.InRange(kinks[0].BindingRows, 1, n - 1); // both branches of min(N, N_opt) are taken
            for (int i = 0; i < n; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-13 * Math.Abs(expected[i]) + 1e-15, $"row {i}: {expected[i]:R} vs {actual[i]:R}");
            for (int k = 0; k < p * n; k++)
            {
                Assert.True(Math.Abs(expectedJ[k] - actualJ[k]) <= 1e-9 * Math.Abs(expectedJ[k]) + 1e-12,
                    $"d ln L[{k % n}]/d {compiled.Parameters[k / n]}: built-in {expectedJ[k]:R}, formula {actualJ[k]:R}");
            }
        }
    }

    [Fact]
    public void KinkSites_AreTheParameterDependentMinAndMax()
    {
        var compiled = Compile();
        // min(U, D) and max(D/U_D - 1, 0) depend on data alone: computed once per dataset, not kinks of the fit.
        Assert.Equal(["definition 'U_N': min(N, N_opt)", "definition 'R_N': max(N/U_N - 1, 0)"],
            compiled.KinkSites.Select(s => $"{s.Subject}: {s.Text}"));
    }
}
