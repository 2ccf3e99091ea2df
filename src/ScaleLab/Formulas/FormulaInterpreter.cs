namespace ScaleLab.Formulas;

/// <summary>
/// The plain reference meaning of a law: a tree walk per row, no compilation, no vectors. Slow by
/// design; the compiled evaluator is tested against it.
/// </summary>
public static class FormulaInterpreter
{
    /// <summary>The law's value at one row.</summary>
    /// <param name="program">The law.</param>
    /// <param name="values">A value for every variable and parameter of the law (extra names are ignored).</param>
    public static double Evaluate(FormulaProgram program, IReadOnlyDictionary<string, double> values)
    {
        var scope = new Dictionary<string, double>(values, StringComparer.Ordinal);
        foreach (var definition in program.Definitions) scope[definition.Name] = Evaluate(definition.Expression, scope);
        return Evaluate(program.Formula, scope);
    }

    /// <summary>The value of an arithmetic expression whose symbols all have values in <paramref name="scope"/>.</summary>
    public static double Evaluate(FormulaNode node, IReadOnlyDictionary<string, double> scope)
    {
        switch (node.Kind)
        {
            case FormulaNodeKind.Number: return node.Value;
            case FormulaNodeKind.Symbol:
                return scope.TryGetValue(node.Name, out var v) ? v : throw new KeyNotFoundException($"no value for '{node.Name}'");
            case FormulaNodeKind.Negate: return -Evaluate(node.Arguments[0], scope);
            case FormulaNodeKind.Add: return Evaluate(node.Arguments[0], scope) + Evaluate(node.Arguments[1], scope);
            case FormulaNodeKind.Subtract: return Evaluate(node.Arguments[0], scope) - Evaluate(node.Arguments[1], scope);
            case FormulaNodeKind.Multiply: return Evaluate(node.Arguments[0], scope) * Evaluate(node.Arguments[1], scope);
            case FormulaNodeKind.Divide: return Evaluate(node.Arguments[0], scope) / Evaluate(node.Arguments[1], scope);
            case FormulaNodeKind.Power: return Math.Pow(Evaluate(node.Arguments[0], scope), Evaluate(node.Arguments[1], scope));
            case FormulaNodeKind.Call: return Call(node, scope);
            default: throw new ArgumentException($"{node.Kind} is not arithmetic", nameof(node));
        }
    }

    private static double Call(FormulaNode node, IReadOnlyDictionary<string, double> scope)
    {
        if (!FormulaFunctions.TryLookup(node.Name, out var function)) throw new ArgumentException($"unknown function '{node.Name}'", nameof(node));
        var args = node.Arguments;
        switch (function)
        {
            case FormulaFunction.Pow: return Math.Pow(Evaluate(args[0], scope), Evaluate(args[1], scope));
            case FormulaFunction.Clamp: return ScalarMath.Clamp(Evaluate(args[0], scope), Evaluate(args[1], scope), Evaluate(args[2], scope));
            case FormulaFunction.Min or FormulaFunction.Max:
                double result = Evaluate(args[0], scope);
                for (int k = 1; k < args.Count; k++)
                {
                    double x = Evaluate(args[k], scope);
                    result = function == FormulaFunction.Min ? Math.Min(result, x) : Math.Max(result, x);
                }
                return result;
            default: return ScalarMath.Apply(function, Evaluate(args[0], scope));
        }
    }
}
