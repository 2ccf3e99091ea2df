using ScaleLab.Formulas;
using ScaleLab.Formulas.Compilation;
using ScaleLab.Laws;

namespace ScaleLab.Tests.Formulas;

/// <summary>What a law compiles to (work moved out of the row loop), kink reports, parameter transforms and argument checks.</summary>
public class FormulaCompilationTests
{
    private static readonly double[] X = [0.5, 1, 2, 4, 8];

    private static FormulaEvaluator Bind(string formula, params string[] definitions) =>
        CompiledFormula.Compile(FormulaProgram.Create(formula, definitions, ["x"])).Bind([X]);

    [Fact]
    public void Chinchilla_LogsOfTheDataAreComputedOncePerDataset_NegationsOncePerEvaluation()
    {
        var compiled = ChinchillaFormulaTests.Compile();
        foreach (var plan in compiled.Plans)
        {
            // ln N and ln D are data-only: computed at binding, never in the row loop.
            Assert.DoesNotContain(plan.Rows, step => step.Node.Op is IrOp.Log or IrOp.Negate);
            Assert.Contains(plan.Scalars, step => step.Node.Op == IrOp.Negate);
        }
        Assert.Equal(2, compiled.DataNodes.Count(id => compiled.Graph[id].Op == IrOp.Log));
        // Value and log value: two exponentials, two fused multiply-adds, and the log.
        Assert.Equal(4, compiled.Plans[0].Rows.Length);
        Assert.Equal(5, compiled.Plans[2].Rows.Length);
    }

    [Fact]
    public void ConstantSubexpressions_AreFolded()
    {
        var compiled = CompiledFormula.Compile(FormulaProgram.Create("a*x*(2^3 - exp(0)*7) + 0*x + log(1)", ["x"]));
        Assert.Single(compiled.Plans[0].Rows);
        var values = new double[X.Length];
        compiled.Bind([X]).Evaluate([3.0], values, Span<double>.Empty);
        Assert.Equal(X.Select(x => 3 * x), values);
    }

    [Fact]
    public void Clamp_BindingOnEveryRow_IsReportedAndHasZeroGradient()
    {
        var evaluator = Bind("1 + clamp(k*x, 0, 0.1)");
        var kinks = new FormulaKinkActivity[1];
        var jacobian = new double[X.Length];
        evaluator.Evaluate([1.0], new double[X.Length], jacobian, kinks);
        Assert.Equal(X.Length, kinks[0].BindingRows);
        Assert.All(jacobian, v => Assert.Equal(0, v));
        Assert.Equal("clamp(k*x, 0, 0.1)", evaluator.Formula.KinkSites[0].Text);

        evaluator.Evaluate([0.02], new double[X.Length], jacobian, kinks);
        Assert.Equal(1, kinks[0].BindingRows); // k·x = 0.01, 0.02, 0.04, 0.08 inside, 0.16 held at 0.1
        Assert.Equal([0.5, 1, 2, 4, 0], jacobian);
        Assert.Equal(0.2, kinks[0].NearestGap, 12); // 0.08 from the bound 0.1
    }

    [Fact]
    public void Max_ArgumentsTied_ReportsTiesAndTakesTheFirstArgumentsSlope()
    {
        var evaluator = Bind("max(a, b)*x");
        var kinks = new FormulaKinkActivity[1];
        var jacobian = new double[2 * X.Length];
        evaluator.Evaluate([2.0, 2.0], new double[X.Length], jacobian, kinks);
        Assert.Equal((X.Length, 0, 0.0), (kinks[0].TieRows, kinks[0].BindingRows, kinks[0].NearestGap));
        Assert.Equal(X, jacobian.AsSpan(0, X.Length).ToArray());
        Assert.All(jacobian.AsSpan(X.Length).ToArray(), v => Assert.Equal(0, v));

        evaluator.Evaluate([2.0, 2.5], new double[X.Length], jacobian, kinks);
        Assert.Equal(0, kinks[0].TieRows);
        Assert.Equal(0.2, kinks[0].NearestGap, 12);
    }

    [Fact]
    public void MaxWithData_PickingTheDataArgument_IsBinding()
    {
        var evaluator = Bind("max(x, a)");
        var kinks = new FormulaKinkActivity[1];
        evaluator.Evaluate([3.0], new double[X.Length], new double[X.Length], kinks);
        Assert.Equal(2, kinks[0].BindingRows); // x = 4 and x = 8 win over a = 3
    }

    [Fact]
    public void AbsAndSign_AtZero_AreTies_SignIsAlwaysBinding()
    {
        var evaluator = Bind("abs(a - 1)*x + sign(a - 1)");
        var kinks = new FormulaKinkActivity[2];
        var jacobian = new double[X.Length];
        evaluator.Evaluate([1.0], new double[X.Length], jacobian, kinks);
        Assert.Equal((X.Length, 0), (kinks[0].TieRows, kinks[0].BindingRows));
        Assert.Equal((X.Length, X.Length), (kinks[1].TieRows, kinks[1].BindingRows));
        Assert.All(jacobian, v => Assert.Equal(0, v)); // subgradient 0 of abs at 0, derivative 0 of sign
    }

    [Fact]
    public void LogTransform_GivesDerivativesWithRespectToTheLogOfTheParameter()
    {
        var program = FormulaProgram.Create("A*x^-alpha", ["x"]);
        var evaluator = CompiledFormula.Compile(program, ["A", "alpha"], [ParameterTransform.Log, ParameterTransform.Identity]).Bind([X]);
        var values = new double[X.Length];
        var jacobian = new double[2 * X.Length];
        evaluator.Evaluate([Math.Log(3), 0.5], values, jacobian);
        for (int i = 0; i < X.Length; i++)
        {
            Assert.Equal(3 * Math.Pow(X[i], -0.5), values[i], 14);
            Assert.Equal(values[i], jacobian[i], 14); // ∂(e^a x^-alpha)/∂a = ŷ
            Assert.Equal(-values[i] * Math.Log(X[i]), jacobian[X.Length + i], 14);
        }
    }

    [Fact]
    public void EvaluateLog_NonPositivePrediction_GivesNaNForTheRow()
    {
        var evaluator = Bind("x - c");
        var logs = new double[X.Length];
        var jacobian = new double[X.Length];
        evaluator.EvaluateLog([2.0], logs, jacobian);
        Assert.True(double.IsNaN(logs[0]) && double.IsNaN(logs[1]) && double.IsNaN(logs[2]));
        Assert.True(double.IsNaN(jacobian[0]) && double.IsNaN(jacobian[2]));
        Assert.Equal(Math.Log(2), logs[3], 14);
        Assert.Equal(-0.5, jacobian[3], 14);
    }

    [Fact]
    public void ManyRows_SpanSeveralBlocks()
    {
        int n = 3 * FormulaEvaluator.BlockSize + 17;
        var x = Enumerable.Range(1, n).Select(i => 0.01 * i).ToArray();
        var evaluator = CompiledFormula.Compile(FormulaProgram.Create("a*exp(-b*x) + max(x, a)", ["x"])).Bind([x]);
        var values = new double[n];
        var jacobian = new double[2 * n];
        evaluator.Evaluate([1.5, 0.7], values, jacobian);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(1.5 * Math.Exp(-0.7 * x[i]) + Math.Max(x[i], 1.5), values[i], 12);
            Assert.Equal(Math.Exp(-0.7 * x[i]) + (x[i] >= 1.5 ? 0 : 1), jacobian[i], 12);
        }
    }

    [Fact]
    public void Evaluate_AfterWarmUp_AllocatesNothing()
    {
        var compiled = DataConstrainedFormulaTests.Compile();
        int n = 300;
        var random = new Random(3);
        double[][] columns = [new double[n], new double[n], new double[n]];
        for (int i = 0; i < n; i++)
        {
            columns[2][i] = 1e9 * (1 + random.NextDouble());
            columns[0][i] = 1e8 * (1 + 9 * random.NextDouble());
            columns[1][i] = columns[2][i] * (1 + 10 * random.NextDouble());
        }
        var evaluator = compiled.Bind(compiled.Variables.Select(v => columns["DUN".IndexOf(v[0])]).ToArray());
        double[] theta = [0.6, 6.2, 7.3, 0.35, 0.35, Math.Log(5.3), Math.Log(15.4)];
        var output = new double[n];
        var jacobian = new double[7 * n];
        var kinks = new FormulaKinkActivity[compiled.KinkSites.Count];
        evaluator.EvaluateLog(theta, output, jacobian, kinks);
        evaluator.Evaluate(theta, output, Span<double>.Empty);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 50; k++)
        {
            evaluator.EvaluateLog(theta, output, jacobian, kinks);
            evaluator.Evaluate(theta, output, Span<double>.Empty);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Evaluate_WrongSizes_AreArgumentErrors()
    {
        var evaluator = Bind("a*x + b");
        Assert.Throws<ArgumentException>(() => evaluator.Evaluate([1.0], new double[X.Length], Span<double>.Empty));
        Assert.Throws<ArgumentException>(() => evaluator.Evaluate([1.0, 2.0], new double[3], Span<double>.Empty));
        Assert.Throws<ArgumentException>(() => evaluator.Evaluate([1.0, 2.0], new double[X.Length], new double[3]));
        Assert.Throws<ArgumentException>(() => evaluator.Evaluate([1.0, 2.0], new double[X.Length], Span<double>.Empty, new FormulaKinkActivity[2]));
        var program = FormulaProgram.Create("a*x + b", ["x"]);
        Assert.Throws<ArgumentException>(() => CompiledFormula.Compile(program, ["a"]));
        Assert.Throws<ArgumentException>(() => CompiledFormula.Compile(program, ["a", "c"]));
        Assert.Throws<ArgumentException>(() => CompiledFormula.Compile(program).Bind(new Dictionary<string, double[]> { ["y"] = X }));
    }
}
