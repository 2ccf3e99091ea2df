using ScaleLab.Laws;

namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// Turns a checked law into graph nodes: definitions are lowered once, in order, and shared by every
/// use; each log-transformed parameter enters as e^θ so that derivatives come out with respect to θ.
/// Remembers where each min, max, clamp, abs and sign came from, for kink reports.
/// </summary>
internal sealed class IrLowering
{
    private readonly IrGraph _graph;
    private readonly Dictionary<string, int> _scope = new(StringComparer.Ordinal);
    private readonly Dictionary<int, FormulaKinkSite> _sites = [];

    private IrLowering(IrGraph graph) => _graph = graph;

    /// <summary>Where each non-smooth node came from (the first place that made it).</summary>
    public IReadOnlyDictionary<int, FormulaKinkSite> Sites => _sites;

    public static (int Output, IReadOnlyDictionary<int, FormulaKinkSite> Sites) Lower(IrGraph graph, FormulaProgram program,
        IReadOnlyList<string> variables, IReadOnlyList<string> parameters, IReadOnlyList<ParameterTransform> transforms)
    {
        var lowering = new IrLowering(graph);
        for (int k = 0; k < variables.Count; k++) lowering._scope[variables[k]] = graph.Variable(k);
        for (int j = 0; j < parameters.Count; j++)
        {
            int theta = graph.Parameter(j);
            lowering._scope[parameters[j]] = transforms[j] == ParameterTransform.Log ? graph.Unary(IrOp.Exp, theta) : theta;
        }
        foreach (var definition in program.Definitions)
        {
            lowering._scope[definition.Name] = lowering.Lower(definition.Expression, $"definition '{definition.Name}'", definition.Text);
        }
        return (lowering.Lower(program.Formula, "formula", program.FormulaText), lowering.Sites);
    }

    private int Lower(FormulaNode node, string subject, string text)
    {
        switch (node.Kind)
        {
            case FormulaNodeKind.Number: return _graph.Constant(node.Value);
            case FormulaNodeKind.Symbol: return _scope[node.Name];
            case FormulaNodeKind.Negate: return _graph.Negate(Lower(node.Arguments[0], subject, text));
            case FormulaNodeKind.Add: return _graph.Add(Lower(node.Arguments[0], subject, text), Lower(node.Arguments[1], subject, text));
            case FormulaNodeKind.Subtract: return _graph.Subtract(Lower(node.Arguments[0], subject, text), Lower(node.Arguments[1], subject, text));
            case FormulaNodeKind.Multiply: return _graph.Multiply(Lower(node.Arguments[0], subject, text), Lower(node.Arguments[1], subject, text));
            case FormulaNodeKind.Divide: return _graph.Divide(Lower(node.Arguments[0], subject, text), Lower(node.Arguments[1], subject, text));
            case FormulaNodeKind.Power: return _graph.Power(Lower(node.Arguments[0], subject, text), Lower(node.Arguments[1], subject, text));
            case FormulaNodeKind.Call: return LowerCall(node, subject, text);
            default: throw new ArgumentException($"{node.Kind} is not arithmetic", nameof(node));
        }
    }

    private int LowerCall(FormulaNode node, string subject, string text)
    {
        FormulaFunctions.TryLookup(node.Name, out var function);
        var args = new int[node.Arguments.Count];
        for (int k = 0; k < args.Length; k++) args[k] = Lower(node.Arguments[k], subject, text);
        int id = function switch
        {
            FormulaFunction.Pow => _graph.Power(args[0], args[1]),
            FormulaFunction.Min => _graph.Extremum(IrOp.Min, args),
            FormulaFunction.Max => _graph.Extremum(IrOp.Max, args),
            FormulaFunction.Clamp => _graph.Clamp(args[0], args[1], args[2]),
            _ => _graph.Unary(UnaryOp(function), args[0]),
        };
        if (function is FormulaFunction.Min or FormulaFunction.Max or FormulaFunction.Clamp or FormulaFunction.Abs or FormulaFunction.Sign
            && _graph.DependsOnParameters(id) && !_sites.ContainsKey(id))
        {
            _sites[id] = new FormulaKinkSite(_sites.Count, node.Name, subject, node.Position, FormulaPrinter.Print(node));
        }
        return id;
    }

    private static IrOp UnaryOp(FormulaFunction function) => function switch
    {
        FormulaFunction.Exp => IrOp.Exp,
        FormulaFunction.Log => IrOp.Log,
        FormulaFunction.Log10 => IrOp.Log10,
        FormulaFunction.Log2 => IrOp.Log2,
        FormulaFunction.Sqrt => IrOp.Sqrt,
        FormulaFunction.Abs => IrOp.Abs,
        FormulaFunction.Sign => IrOp.Sign,
        FormulaFunction.Softplus => IrOp.Softplus,
        FormulaFunction.Sigmoid => IrOp.Sigmoid,
        FormulaFunction.Tanh => IrOp.Tanh,
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a function of one argument"),
    };
}
