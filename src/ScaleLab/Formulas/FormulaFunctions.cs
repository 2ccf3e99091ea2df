namespace ScaleLab.Formulas;

/// <summary>Names and arities of the built-in functions, and lookup with near misses for unknown names.</summary>
public static class FormulaFunctions
{
    private static readonly (string Name, FormulaFunction Function, int MinArity, int MaxArity)[] Table =
    [
        ("exp", FormulaFunction.Exp, 1, 1),
        ("log", FormulaFunction.Log, 1, 1),
        ("log10", FormulaFunction.Log10, 1, 1),
        ("log2", FormulaFunction.Log2, 1, 1),
        ("sqrt", FormulaFunction.Sqrt, 1, 1),
        ("abs", FormulaFunction.Abs, 1, 1),
        ("sign", FormulaFunction.Sign, 1, 1),
        ("pow", FormulaFunction.Pow, 2, 2),
        ("min", FormulaFunction.Min, 2, int.MaxValue),
        ("max", FormulaFunction.Max, 2, int.MaxValue),
        ("clamp", FormulaFunction.Clamp, 3, 3),
        ("softplus", FormulaFunction.Softplus, 1, 1),
        ("sigmoid", FormulaFunction.Sigmoid, 1, 1),
        ("tanh", FormulaFunction.Tanh, 1, 1),
    ];

    /// <summary>Every function name, in the order of the documentation.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Table, t => t.Name);

    /// <summary>The function called <paramref name="name"/> (case-sensitive), if there is one.</summary>
    public static bool TryLookup(string name, out FormulaFunction function)
    {
        foreach (var entry in Table)
        {
            if (entry.Name == name) { function = entry.Function; return true; }
        }
        function = default;
        return false;
    }

    /// <summary>The name a formula uses for <paramref name="function"/>.</summary>
    public static string NameOf(FormulaFunction function) => Table[(int)function].Name;

    /// <summary>Least and most arguments <paramref name="function"/> takes (<see cref="int.MaxValue"/> for variadic).</summary>
    public static (int Min, int Max) Arity(FormulaFunction function) => (Table[(int)function].MinArity, Table[(int)function].MaxArity);

    /// <summary>"1 argument", "2 or more arguments", "3 arguments".</summary>
    public static string DescribeArity(FormulaFunction function)
    {
        var (min, max) = Arity(function);
        if (max == int.MaxValue) return $"{min} or more arguments";
        return min == 1 ? "1 argument" : $"{min} arguments";
    }
}
