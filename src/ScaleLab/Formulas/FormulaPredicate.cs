namespace ScaleLab.Formulas;

/// <summary>
/// A row filter such as <c>N &gt;= 1e8 and model == "gpt"</c> (the <c>--where</c> option): arithmetic
/// of the formula language over numeric columns, comparisons, <c>and</c>/<c>or</c>/<c>not</c>, and equality of
/// text columns with quoted text. A comparison involving NaN is false (so <c>!=</c> is true), as in IEEE
/// arithmetic; text compares exactly (case-sensitive).
/// </summary>
public sealed class FormulaPredicate
{
    private FormulaPredicate(string text, FormulaNode node)
    {
        Text = text;
        Node = node;
        Columns = node.Symbols();
    }

    /// <summary>The predicate as written.</summary>
    public string Text { get; }

    /// <summary>The parsed predicate.</summary>
    public FormulaNode Node { get; }

    /// <summary>The columns the predicate reads, in order of first use.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Parses a predicate; throws <see cref="FormulaException"/> with the position of the first error.</summary>
    public static FormulaPredicate Parse(string text, string source = "--where") => new(text, FormulaParser.ParsePredicate(text, source));

    /// <summary>
    /// Checks the predicate against the columns a table has: every name is a column (else the error lists
    /// near misses), text columns appear only in == and != against text, numeric columns only against numbers.
    /// </summary>
    public void Check(IReadOnlyDictionary<string, PredicateColumnKind> columns, string source = "--where")
    {
        Kind(Node);

        PredicateColumnKind? Kind(FormulaNode node)
        {
            switch (node.Kind)
            {
                case FormulaNodeKind.Number: return PredicateColumnKind.Number;
                case FormulaNodeKind.Text: return PredicateColumnKind.Text;
                case FormulaNodeKind.Symbol:
                    if (columns.TryGetValue(node.Name, out var kind)) return kind;
                    throw new FormulaException(Text, node.Position, $"no column '{node.Name}'",
                        NearMisses.Hint(node.Name, columns.Keys) ?? $"the columns are {string.Join(", ", columns.Keys.Select(c => $"'{c}'"))}", source, node.Name.Length);
                case FormulaNodeKind.Equal or FormulaNodeKind.NotEqual:
                {
                    var left = Kind(node.Arguments[0]);
                    var right = Kind(node.Arguments[1]);
                    if (left != right)
                    {
                        var text = left == PredicateColumnKind.Text ? node.Arguments[0] : node.Arguments[1];
                        throw new FormulaException(Text, text.Start, "text compared with a number",
                            "compare a text column with quoted text, a numeric column with a number", source);
                    }
                    return null;
                }
                case FormulaNodeKind.Less or FormulaNodeKind.LessOrEqual or FormulaNodeKind.Greater or FormulaNodeKind.GreaterOrEqual:
                    RequireNumber(node.Arguments[0], Kind(node.Arguments[0]));
                    RequireNumber(node.Arguments[1], Kind(node.Arguments[1]));
                    return null;
                case FormulaNodeKind.And or FormulaNodeKind.Or or FormulaNodeKind.Not:
                    foreach (var argument in node.Arguments) Kind(argument);
                    return null;
                default:
                    foreach (var argument in node.Arguments) RequireNumber(argument, Kind(argument));
                    return PredicateColumnKind.Number;
            }
        }

        void RequireNumber(FormulaNode node, PredicateColumnKind? kind)
        {
            if (kind == PredicateColumnKind.Text)
            {
                throw new FormulaException(Text, node.Start, $"'{FormulaPrinter.Print(node)}' is text", "text can only be compared with == or !=", source);
            }
        }
    }

    /// <summary>Whether one row passes; <paramref name="number"/> and <paramref name="text"/> give the row's value of a column.</summary>
    public bool Evaluate(Func<string, double> number, Func<string, string?> text) => Test(Node, number, text);

    private static bool Test(FormulaNode node, Func<string, double> number, Func<string, string?> text)
    {
        switch (node.Kind)
        {
            case FormulaNodeKind.And: return Test(node.Arguments[0], number, text) && Test(node.Arguments[1], number, text);
            case FormulaNodeKind.Or: return Test(node.Arguments[0], number, text) || Test(node.Arguments[1], number, text);
            case FormulaNodeKind.Not: return !Test(node.Arguments[0], number, text);
        }
        var (left, right) = (node.Arguments[0], node.Arguments[1]);
        if (node.Kind is FormulaNodeKind.Equal or FormulaNodeKind.NotEqual && (IsText(left, text) || IsText(right, text)))
        {
            bool same = string.Equals(TextOf(left, text), TextOf(right, text), StringComparison.Ordinal);
            return node.Kind == FormulaNodeKind.Equal ? same : !same;
        }
        double a = Value(left, number), b = Value(right, number);
        return node.Kind switch
        {
            FormulaNodeKind.Less => a < b,
            FormulaNodeKind.LessOrEqual => a <= b,
            FormulaNodeKind.Greater => a > b,
            FormulaNodeKind.GreaterOrEqual => a >= b,
            FormulaNodeKind.Equal => a == b,
            FormulaNodeKind.NotEqual => a != b,
            _ => throw new ArgumentException($"{node.Kind} is not a condition", nameof(node)),
        };
    }

    private static bool IsText(FormulaNode node, Func<string, string?> text) =>
        node.Kind == FormulaNodeKind.Text || (node.Kind == FormulaNodeKind.Symbol && text(node.Name) is not null);

    private static string? TextOf(FormulaNode node, Func<string, string?> text) => node.Kind == FormulaNodeKind.Text ? node.Name : text(node.Name);

    private static double Value(FormulaNode node, Func<string, double> number)
    {
        var scope = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in node.Symbols()) scope[name] = number(name);
        return FormulaInterpreter.Evaluate(node, scope);
    }
}
