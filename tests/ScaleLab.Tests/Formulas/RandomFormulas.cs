using System.Globalization;

namespace ScaleLab.Tests.Formulas;

/// <summary>
/// Seeded random formulas from the grammar. <see cref="Tree"/> draws any tree (for printing);
/// <see cref="Smooth"/> draws formula text whose value is finite on the test data (variables x, y in
/// [0.5, 3], parameters a, b, c in [0.3, 1.5]) and that uses every function and operator, including
/// the non-smooth ones.
/// </summary>
public sealed class RandomFormulas(int seed)
{
    private readonly Random _random = new(seed);

    public static readonly string[] Variables = ["x", "y"];
    public static readonly string[] ParameterNames = ["a", "b", "c"];

    /// <summary>Any arithmetic tree of the given depth, for print/parse round trips.</summary>
    public ScaleLab.Formulas.FormulaNode Tree(int depth)
    {
        string[] names = ["x", "y", "alpha", "R_Dstar", "S", "s", "p1", "_k"];
        if (depth == 0 || _random.Next(4) == 0)
        {
            return _random.Next(2) == 0
                ? ScaleLab.Formulas.FormulaNode.Symbol(names[_random.Next(names.Length)])
                : ScaleLab.Formulas.FormulaNode.Number(Constant());
        }
        switch (_random.Next(8))
        {
            case 0: return ScaleLab.Formulas.FormulaNode.Unary(ScaleLab.Formulas.FormulaNodeKind.Negate, Tree(depth - 1));
            case 1:
            {
                string[] fns = ["exp", "log", "sqrt", "abs", "tanh", "softplus", "min", "max", "clamp", "pow", "log10"];
                var fn = fns[_random.Next(fns.Length)];
                int arity = fn switch { "min" or "max" => 2 + _random.Next(3), "clamp" => 3, "pow" => 2, _ => 1 };
                var args = new List<ScaleLab.Formulas.FormulaNode>();
                for (int k = 0; k < arity; k++) args.Add(Tree(depth - 1));
                return ScaleLab.Formulas.FormulaNode.Call(fn, args);
            }
            default:
                ScaleLab.Formulas.FormulaNodeKind[] kinds =
                [
                    ScaleLab.Formulas.FormulaNodeKind.Add, ScaleLab.Formulas.FormulaNodeKind.Subtract, ScaleLab.Formulas.FormulaNodeKind.Multiply,
                    ScaleLab.Formulas.FormulaNodeKind.Divide, ScaleLab.Formulas.FormulaNodeKind.Power,
                ];
                return ScaleLab.Formulas.FormulaNode.Binary(kinds[_random.Next(kinds.Length)], Tree(depth - 1), Tree(depth - 1));
        }
    }

    /// <summary>Formula text that stays finite and moderate on the test data.</summary>
    public string Smooth(int depth) => Bounded(depth);

    // Values within about [-20, 20].
    private string Bounded(int depth)
    {
        if (depth == 0) return Leaf();
        return _random.Next(14) switch
        {
            0 => $"{Bounded(depth - 1)} + {Bounded(depth - 1)}",
            1 => $"({Bounded(depth - 1)}) - ({Bounded(depth - 1)})",
            2 => $"tanh({Bounded(depth - 1)})*{Bounded(depth - 1)}",
            3 => $"({Bounded(depth - 1)})/({Positive(depth - 1)} + 0.5)",
            4 => $"-{Positive(depth - 1)}^tanh({Bounded(depth - 1)})",
            5 => $"sigmoid({Bounded(depth - 1)})*{Leaf()}",
            6 => $"log({Positive(depth - 1)})",
            7 => $"max({Bounded(depth - 1)}, {Bounded(depth - 1)}{(_random.Next(2) == 0 ? "" : ", " + Leaf())})",
            8 => $"min({Bounded(depth - 1)}, {Bounded(depth - 1)})",
            9 => $"clamp({Bounded(depth - 1)}, -1, 1.5)",
            10 => $"abs({Bounded(depth - 1)}) - sign({Bounded(depth - 1)})",
            11 => $"log2({Positive(depth - 1)})*log10({Positive(depth - 1)} + 1)",
            12 => $"pow({Positive(depth - 1)}, -{Leaf()}/4)",
            _ => $"{Leaf()}*{Bounded(depth - 1)}",
        };
    }

    // Values within about [0.05, 50].
    private string Positive(int depth)
    {
        if (depth == 0) return _random.Next(3) == 0 ? Constant().ToString("R", CultureInfo.InvariantCulture) : Pick(_random.Next(2) == 0 ? Variables : ParameterNames);
        return _random.Next(7) switch
        {
            0 => $"exp(tanh({Bounded(depth - 1)}))",
            1 => $"softplus({Bounded(depth - 1)}/4)",
            2 => $"sqrt({Positive(depth - 1)})",
            3 => $"{Positive(depth - 1)}*{Positive(depth - 1)}/({Positive(depth - 1)} + 1)",
            4 => $"{Positive(depth - 1)}^{Leaf()}",
            5 => $"({Positive(depth - 1)} + {Positive(depth - 1)})**-0.5",
            _ => $"{Positive(depth - 1)}^2 + {Positive(depth - 1)}",
        };
    }

    private string Leaf() => _random.Next(3) switch
    {
        0 => Constant().ToString("R", CultureInfo.InvariantCulture),
        1 => Pick(Variables),
        _ => Pick(ParameterNames),
    };

    private double Constant() => Math.Round(0.25 + 1.75 * _random.NextDouble(), _random.Next(1, 4));

    private string Pick(string[] names) => names[_random.Next(names.Length)];

    /// <summary>Rows of the test data: x, y positive and varied.</summary>
    public static double[][] Columns(int n, int seed)
    {
        var random = new Random(seed);
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = 0.5 + 2.5 * random.NextDouble();
            y[i] = 0.5 + 2.5 * random.NextDouble();
        }
        return [x, y];
    }
}
