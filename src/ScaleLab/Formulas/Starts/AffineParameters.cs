namespace ScaleLab.Formulas.Starts;

/// <summary>
/// Which parameters a law is affine in: ŷ = a + b·p with a and b free of p, as A and B are in
/// <c>E + A*N^-alpha + B*D^-beta</c> (and E too). Given the other parameters such a coefficient has a best value
/// in closed form (linear least squares), so the start search needs no range for it. The test is symbolic and
/// conservative: sums, differences and negations of affine terms, a product with one factor free of p, a
/// quotient whose denominator is free of p; definitions are followed.
/// </summary>
internal static class AffineParameters
{
    /// <summary>The parameters of <paramref name="program"/> (of <paramref name="candidates"/>) the law is affine in, each alone.</summary>
    public static IReadOnlyList<string> Of(FormulaProgram program, IEnumerable<string> candidates)
    {
        var definitions = new Dictionary<string, FormulaNode>(StringComparer.Ordinal);
        foreach (var d in program.Definitions) definitions[d.Name] = d.Expression;
        var result = new List<string>();
        foreach (var p in candidates)
        {
            if (program.Classify(p) == FormulaSymbolKind.Parameter && Affine(program.Formula, p, definitions)) result.Add(p);
        }
        return result;
    }

    private static bool Affine(FormulaNode node, string p, Dictionary<string, FormulaNode> definitions)
    {
        var args = node.Arguments;
        switch (node.Kind)
        {
            case FormulaNodeKind.Number:
                return true;
            case FormulaNodeKind.Symbol:
                return node.Name == p || !definitions.TryGetValue(node.Name, out var definition) || Affine(definition, p, definitions);
            case FormulaNodeKind.Negate:
                return Affine(args[0], p, definitions);
            case FormulaNodeKind.Add or FormulaNodeKind.Subtract:
                return Affine(args[0], p, definitions) && Affine(args[1], p, definitions);
            case FormulaNodeKind.Multiply:
                return (!Contains(args[0], p, definitions) && Affine(args[1], p, definitions))
                    || (!Contains(args[1], p, definitions) && Affine(args[0], p, definitions));
            case FormulaNodeKind.Divide:
                return !Contains(args[1], p, definitions) && Affine(args[0], p, definitions);
            default:
                return !Contains(node, p, definitions);
        }
    }

    private static bool Contains(FormulaNode node, string p, Dictionary<string, FormulaNode> definitions)
    {
        if (node.Kind == FormulaNodeKind.Symbol)
        {
            return node.Name == p || (definitions.TryGetValue(node.Name, out var definition) && Contains(definition, p, definitions));
        }
        foreach (var argument in node.Arguments) if (Contains(argument, p, definitions)) return true;
        return false;
    }
}
