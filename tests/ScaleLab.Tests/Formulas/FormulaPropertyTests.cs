using ScaleLab.Formulas;

namespace ScaleLab.Tests.Formulas;

/// <summary>
/// Invariants on seeded random formulas from the grammar: printing and parsing give back the same tree,
/// the compiled evaluator gives the reference interpreter's values, and its exact Jacobian agrees with
/// central finite differences of the interpreter.
/// </summary>
public class FormulaPropertyTests
{
    private const int Rows = 37; // not a multiple of any vector width: every kernel's tail runs

    [Fact]
    public void PrintThenParse_RandomTrees_GiveTheSameTree()
    {
        for (int seed = 0; seed < 400; seed++)
        {
            var tree = new RandomFormulas(seed).Tree(depth: 1 + seed % 6);
            var text = FormulaPrinter.Print(tree);
            var back = FormulaParser.Parse(text);
            Assert.True(tree.StructurallyEquals(back), $"seed {seed}: '{text}' parsed back as '{FormulaPrinter.Print(back)}'");
            Assert.Equal(text, FormulaPrinter.Print(back));
        }
    }

    [Fact]
    public void ParsePrintParse_RandomSmoothFormulas_GiveTheSameTree()
    {
        for (int seed = 0; seed < 300; seed++)
        {
            var text = new RandomFormulas(seed).Smooth(depth: 1 + seed % 4);
            var once = FormulaParser.Parse(text);
            Assert.True(once.StructurallyEquals(FormulaParser.Parse(FormulaPrinter.Print(once))), $"seed {seed}: {text}");
        }
    }

    [Fact]
    public void Compiled_RandomFormulas_AgreesWithInterpreterAndFiniteDifferences() => CheckMany();

    /// <summary>The same on every vector path of the kernels (the test above runs the best one).</summary>
    internal static void CheckMany()
    {
        int checkedEntries = 0, skippedEntries = 0;
        for (int seed = 0; seed < 250; seed++)
        {
            var text = new RandomFormulas(seed).Smooth(depth: 1 + seed % 4);
            var (c, s) = CheckOne(text, seed);
            checkedEntries += c;
            skippedEntries += s;
        }
        // Entries next to a kink (where one-sided slopes differ) are skipped; they must stay rare.
        Assert.True(skippedEntries < 0.05 * (checkedEntries + skippedEntries), $"{skippedEntries} of {checkedEntries + skippedEntries} Jacobian entries skipped");
    }

    private static (int Checked, int Skipped) CheckOne(string text, int seed)
    {
        var program = FormulaProgram.Create(text, RandomFormulas.Variables);
        var compiled = CompiledFormula.Compile(program);
        var columns = RandomFormulas.Columns(Rows, seed);
        var named = new Dictionary<string, double[]> { ["x"] = columns[0], ["y"] = columns[1] };
        var evaluator = compiled.Bind(compiled.Variables.Select(v => named[v]).ToArray(), Rows);
        var random = new Random(seed + 1000);
        int p = compiled.Parameters.Count;
        var theta = new double[p];
        for (int j = 0; j < p; j++) theta[j] = 0.3 + 1.2 * random.NextDouble();

        var value = new double[Rows];
        var jacobian = new double[p * Rows];
        evaluator.Evaluate(theta, value, jacobian);
        var logValue = new double[Rows];
        var logJacobian = new double[p * Rows];
        evaluator.EvaluateLog(theta, logValue, logJacobian);
        var plain = new double[Rows];
        evaluator.Evaluate(theta, plain, Span<double>.Empty);

        int checkedEntries = 0, skipped = 0;
        for (int i = 0; i < Rows; i++)
        {
            double reference = Interpret(program, compiled, theta, named, i);
            string where = $"seed {seed}, row {i}: {text}";
            Assert.True(double.IsFinite(reference), $"{where}: the generator made a non-finite value {reference}");
            Assert.True(Math.Abs(value[i] - reference) <= 1e-11 * Math.Max(1, Math.Abs(reference)), $"{where}: compiled {value[i]:R}, interpreter {reference:R}");
            Assert.Equal(value[i], plain[i]);
            if (reference > 0) Assert.True(Math.Abs(logValue[i] - Math.Log(reference)) <= 1e-11 * Math.Max(1, Math.Abs(Math.Log(reference))), $"{where}: log");
            else Assert.True(double.IsNaN(logValue[i]), $"{where}: ln of {reference} should be NaN, is {logValue[i]}");
            for (int j = 0; j < p; j++)
            {
                double analytic = jacobian[j * Rows + i];
                double h = 1e-5 * (1 + Math.Abs(theta[j]));
                double fd = Central(program, compiled, theta, named, i, j, h);
                double fdSmaller = Central(program, compiled, theta, named, i, j, h / 8);
                double scale = Math.Max(1, Math.Max(Math.Abs(analytic), Math.Abs(reference)));
                // A kink within h of θ makes the two step sizes disagree: no derivative to compare there.
                if (Math.Abs(fd - fdSmaller) > 1e-6 * scale) { skipped++; continue; }
                checkedEntries++;
                // Central differences with h = 1e-5(1 + |θ|): truncation ~h², rounding ~1e-16/h; 1e-6 relative covers both.
                Assert.True(Math.Abs(analytic - fd) <= 1e-6 * scale, $"{where}: d/d{compiled.Parameters[j]} analytic {analytic:R}, finite difference {fd:R}");
                if (reference > 0)
                {
                    double logAnalytic = logJacobian[j * Rows + i];
                    Assert.True(Math.Abs(logAnalytic - analytic / reference) <= 1e-10 * Math.Max(1, Math.Abs(logAnalytic)), $"{where}: d ln/d{compiled.Parameters[j]}");
                }
                else Assert.True(double.IsNaN(logJacobian[j * Rows + i]), $"{where}: log Jacobian at a non-positive prediction should be NaN");
            }
        }
        return (checkedEntries, skipped);
    }

    private static double Central(FormulaProgram program, CompiledFormula compiled, double[] theta, Dictionary<string, double[]> columns, int row, int j, double h)
    {
        var plus = (double[])theta.Clone();
        var minus = (double[])theta.Clone();
        plus[j] += h;
        minus[j] -= h;
        return (Interpret(program, compiled, plus, columns, row) - Interpret(program, compiled, minus, columns, row)) / (2 * h);
    }

    private static double Interpret(FormulaProgram program, CompiledFormula compiled, double[] theta, Dictionary<string, double[]> columns, int row)
    {
        var values = new Dictionary<string, double>();
        for (int j = 0; j < theta.Length; j++) values[compiled.Parameters[j]] = theta[j];
        foreach (var (name, column) in columns) values[name] = column[row];
        return FormulaInterpreter.Evaluate(program, values);
    }
}
