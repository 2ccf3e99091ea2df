using ScaleLab.Data;
using ScaleLab.Formulas;
using ScaleLab.Laws;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Formulas;

/// <summary>Chinchilla written as a formula against the built-in law (Laws/ChinchillaLaw.cs) on the Epoch data.</summary>
public class ChinchillaFormulaTests
{
    private static readonly string[] Order = ["E", "A", "B", "alpha", "beta"];
    private static readonly ParameterTransform[] Transforms =
        [ParameterTransform.Log, ParameterTransform.Log, ParameterTransform.Log, ParameterTransform.Identity, ParameterTransform.Identity];

    public static CompiledFormula Compile() =>
        CompiledFormula.Compile(FormulaProgram.Create("E + A*N^-alpha + B*D^-beta", ["N", "D"]), Order, Transforms);

    [SkippableFact]
    public void EvaluateLog_OnEpochData_AgreesWithBuiltInLawToRounding()
    {
        var rows = EpochChinchilla.Load240();
        Skip.If(rows is null, SharedData.Missing);
        var data = ScalingData.From(rows);
        var evaluator = Compile().Bind([data.Values(ScaleVariable.Parameters).ToArray(), data.Values(ScaleVariable.Tokens).ToArray()]);
        int n = data.Count;
        // The published fit (Hoffmann et al. 2022 eq. 10) and two points away from it.
        double[][] thetas =
        [
            [Math.Log(1.69), Math.Log(406.4), Math.Log(410.7), 0.34, 0.28],
            [Math.Log(1.82), Math.Log(514.0), Math.Log(2115.2), 0.35, 0.37],
            [0.0, 5.0, 10.0, 0.5, 0.5],
        ];
        foreach (var theta in thetas)
        {
            var expected = new double[n];
            var expectedJ = new double[5 * n];
            ChinchillaLaw.Instance.EvaluateLog(theta, data, expected, expectedJ);
            var actual = new double[n];
            var actualJ = new double[5 * n];
            evaluator.EvaluateLog(theta, actual, actualJ);
            for (int i = 0; i < n; i++) Assert.Equal(expected[i], actual[i], 1e-14 * Math.Abs(expected[i]) + 1e-15);
            for (int k = 0; k < 5 * n; k++) Assert.True(Math.Abs(expectedJ[k] - actualJ[k]) <= 1e-13 * Math.Abs(expectedJ[k]) + 1e-15,
                $"J[{k / n}, {k % n}]: built-in {expectedJ[k]:R}, formula {actualJ[k]:R}");
        }
    }
}
