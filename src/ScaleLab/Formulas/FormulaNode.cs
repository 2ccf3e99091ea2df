using System.Collections.ObjectModel;

namespace ScaleLab.Formulas;

/// <summary>
/// One node of a parsed formula or predicate: an immutable tree that remembers, for diagnostics,
/// where in the source text each node came from. Two trees are the same formula when
/// <see cref="StructurallyEquals"/> holds (positions are ignored).
/// </summary>
public sealed class FormulaNode
{
    private static readonly ReadOnlyCollection<FormulaNode> None = new([]);

    private FormulaNode(FormulaNodeKind kind, double value, string name, IList<FormulaNode> arguments, int position)
    {
        Kind = kind;
        Value = value;
        Name = name;
        Arguments = arguments.Count == 0 ? None : new ReadOnlyCollection<FormulaNode>(arguments);
        Position = position;
    }

    /// <summary>What the node is.</summary>
    public FormulaNodeKind Kind { get; }

    /// <summary>The number of a <see cref="FormulaNodeKind.Number"/> node (0 otherwise).</summary>
    public double Value { get; }

    /// <summary>The symbol, function name or text of the node ("" where it has none).</summary>
    public string Name { get; }

    /// <summary>Operands (one for unary operators, two for binary ones, the arguments of a call).</summary>
    public IReadOnlyList<FormulaNode> Arguments { get; }

    /// <summary>0-based offset in the source text of the token that made the node (the operator of a binary node).</summary>
    public int Position { get; }

    /// <summary>0-based offset where the node's text starts (its leftmost token).</summary>
    public int Start => Kind is FormulaNodeKind.Negate or FormulaNodeKind.Not or FormulaNodeKind.Call || Arguments.Count == 0 ? Position : Arguments[0].Start;

    /// <summary>A numeric literal.</summary>
    public static FormulaNode Number(double value, int position = 0) => new(FormulaNodeKind.Number, value, "", [], position);

    /// <summary>A variable, parameter or definition name.</summary>
    public static FormulaNode Symbol(string name, int position = 0) => new(FormulaNodeKind.Symbol, 0, name, [], position);

    /// <summary>A quoted text literal.</summary>
    public static FormulaNode Text(string text, int position = 0) => new(FormulaNodeKind.Text, 0, text, [], position);

    /// <summary>A function call.</summary>
    public static FormulaNode Call(string function, IList<FormulaNode> arguments, int position = 0) => new(FormulaNodeKind.Call, 0, function, arguments, position);

    /// <summary>A unary operator (<see cref="FormulaNodeKind.Negate"/> or <see cref="FormulaNodeKind.Not"/>).</summary>
    public static FormulaNode Unary(FormulaNodeKind kind, FormulaNode operand, int position = 0)
    {
        if (kind is not (FormulaNodeKind.Negate or FormulaNodeKind.Not)) throw new ArgumentException($"{kind} is not a unary operator.", nameof(kind));
        return new(kind, 0, "", [operand], position);
    }

    /// <summary>A binary operator (arithmetic, comparison, and, or).</summary>
    public static FormulaNode Binary(FormulaNodeKind kind, FormulaNode left, FormulaNode right, int position = 0)
    {
        if (kind is FormulaNodeKind.Number or FormulaNodeKind.Symbol or FormulaNodeKind.Text or FormulaNodeKind.Call or FormulaNodeKind.Negate or FormulaNodeKind.Not)
        {
            throw new ArgumentException($"{kind} is not a binary operator.", nameof(kind));
        }
        return new(kind, 0, "", [left, right], position);
    }

    /// <summary>True when both trees are the same formula (same kinds, names, numbers and shape; positions ignored).</summary>
    public bool StructurallyEquals(FormulaNode? other)
    {
        if (other is null || other.Kind != Kind || other.Name != Name || other.Arguments.Count != Arguments.Count) return false;
        if (Kind == FormulaNodeKind.Number && BitConverter.DoubleToInt64Bits(Value) != BitConverter.DoubleToInt64Bits(other.Value)) return false;
        for (int i = 0; i < Arguments.Count; i++) if (!Arguments[i].StructurallyEquals(other.Arguments[i])) return false;
        return true;
    }

    /// <summary>Every symbol name in the tree, in order of first appearance (function names excluded).</summary>
    public IReadOnlyList<string> Symbols()
    {
        var seen = new List<string>();
        Collect(this, seen);
        return seen;

        static void Collect(FormulaNode node, List<string> seen)
        {
            if (node.Kind == FormulaNodeKind.Symbol && !seen.Contains(node.Name)) seen.Add(node.Name);
            foreach (var argument in node.Arguments) Collect(argument, seen);
        }
    }

    /// <summary>The canonical text of the formula (see <see cref="FormulaPrinter"/>).</summary>
    public override string ToString() => FormulaPrinter.Print(this);
}
