using System.Globalization;
using System.Text;

namespace ScaleLab.Formulas;

/// <summary>
/// Prints a formula or predicate in canonical form: the fewest parentheses that keep the tree, spaces
/// around <c>+ -</c>, comparisons and <c>and</c>/<c>or</c>, none around <c>* / ^</c>, numbers in the
/// shortest invariant form that reads back to the same double. Parsing the output gives the same tree
/// (<see cref="FormulaNode.StructurallyEquals"/>) for every tree the parser makes.
/// </summary>
public static class FormulaPrinter
{
    /// <summary>The canonical text of <paramref name="node"/>.</summary>
    public static string Print(FormulaNode node)
    {
        var sb = new StringBuilder();
        Write(node, sb);
        return sb.ToString();
    }

    /// <summary>A number as the language writes it (shortest round-trip, invariant culture).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private const int NegatePrecedence = 7;

    // Binding strength: higher binds tighter.
    private static int Precedence(FormulaNode node) => node.Kind switch
    {
        FormulaNodeKind.Or => 1,
        FormulaNodeKind.And => 2,
        FormulaNodeKind.Not => 3,
        FormulaNodeKind.Less or FormulaNodeKind.LessOrEqual or FormulaNodeKind.Greater or FormulaNodeKind.GreaterOrEqual
            or FormulaNodeKind.Equal or FormulaNodeKind.NotEqual => 4,
        FormulaNodeKind.Add or FormulaNodeKind.Subtract => 5,
        FormulaNodeKind.Multiply or FormulaNodeKind.Divide => 6,
        FormulaNodeKind.Negate => NegatePrecedence,
        FormulaNodeKind.Power => 8,
        _ => 9,
    };

    private static void Write(FormulaNode node, StringBuilder sb)
    {
        int p = Precedence(node);
        switch (node.Kind)
        {
            case FormulaNodeKind.Number:
                sb.Append(Number(node.Value));
                break;
            case FormulaNodeKind.Symbol:
                sb.Append(node.Name);
                break;
            case FormulaNodeKind.Text:
                char quote = node.Name.Contains('"') ? '\'' : '"';
                sb.Append(quote).Append(node.Name).Append(quote);
                break;
            case FormulaNodeKind.Call:
                sb.Append(node.Name).Append('(');
                for (int i = 0; i < node.Arguments.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(node.Arguments[i], sb);
                }
                sb.Append(')');
                break;
            case FormulaNodeKind.Negate:
                sb.Append('-');
                Operand(node.Arguments[0], sb, Precedence(node.Arguments[0]) < p);
                break;
            case FormulaNodeKind.Not:
                sb.Append("not ");
                Operand(node.Arguments[0], sb, Precedence(node.Arguments[0]) < p);
                break;
            case FormulaNodeKind.Power:
                // Right-associative, and the exponent may be a unary minus: a^b^c, N^-alpha, (a^b)^c, (-a)^b.
                Operand(node.Arguments[0], sb, Precedence(node.Arguments[0]) <= p);
                sb.Append('^');
                Operand(node.Arguments[1], sb, Precedence(node.Arguments[1]) < NegatePrecedence);
                break;
            default:
                bool comparison = p == 4;
                Operand(node.Arguments[0], sb, comparison ? Precedence(node.Arguments[0]) <= p : Precedence(node.Arguments[0]) < p);
                sb.Append(Symbol(node.Kind));
                Operand(node.Arguments[1], sb, Precedence(node.Arguments[1]) <= p);
                break;
        }
    }

    private static void Operand(FormulaNode node, StringBuilder sb, bool parenthesize)
    {
        if (parenthesize) sb.Append('(');
        Write(node, sb);
        if (parenthesize) sb.Append(')');
    }

    private static string Symbol(FormulaNodeKind kind) => kind switch
    {
        FormulaNodeKind.Add => " + ",
        FormulaNodeKind.Subtract => " - ",
        FormulaNodeKind.Multiply => "*",
        FormulaNodeKind.Divide => "/",
        FormulaNodeKind.Less => " < ",
        FormulaNodeKind.LessOrEqual => " <= ",
        FormulaNodeKind.Greater => " > ",
        FormulaNodeKind.GreaterOrEqual => " >= ",
        FormulaNodeKind.Equal => " == ",
        FormulaNodeKind.NotEqual => " != ",
        FormulaNodeKind.And => " and ",
        FormulaNodeKind.Or => " or ",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a binary operator"),
    };
}
