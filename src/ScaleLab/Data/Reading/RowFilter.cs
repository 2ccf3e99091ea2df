using ScaleLab.Data.Formats;
using ScaleLab.Formulas;

namespace ScaleLab.Data.Reading;

/// <summary>
/// A <c>--where</c> predicate bound to the columns of a table (docs/input.md, "Row selection"). A name of the
/// predicate is a scale variable (N, D, C, U or a bound variable's symbol: its value as read, in FLOP after
/// <c>--compute-unit</c>, derived by C = 6ND where the file lacks it) or a column: by its name, or, for a name that is
/// not an identifier, by the name with each run of other characters than ASCII letters, digits and <c>_</c> made one
/// <c>_</c> ('Model Size' is <c>Model_Size</c>). A column compared with quoted text is text, one used in arithmetic or
/// an ordering is a number unless its first cell is text (then the check says text cannot be used so), and otherwise
/// its first cell decides; role columns are what their role says. Per row
/// only the cells the predicate names are read, each once, so rows left out are never parsed further.
/// </summary>
internal sealed class RowFilter
{
    private readonly FormulaPredicate _predicate;
    private readonly TableCursor _cursor;
    private readonly Func<ScaleVariable, double>? _variable;
    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private readonly Slot[] _slots;
    private readonly double[] _numbers;
    private readonly string?[] _texts;
    private readonly int[] _readAt;
    private readonly Func<string, double> _numberOf;
    private readonly Func<string, string?> _textOf;
    private int _stamp;

    private readonly record struct Slot(PredicateColumnKind Kind, int Column, ScaleVariable? Variable, string Name);

    private RowFilter(FormulaPredicate predicate, TableCursor cursor, Func<ScaleVariable, double>? variable, Dictionary<string, Slot> names)
    {
        _predicate = predicate;
        _cursor = cursor;
        _variable = variable;
        var used = predicate.Columns;
        _slots = new Slot[used.Count];
        for (int k = 0; k < used.Count; k++)
        {
            _slots[k] = names[used[k]];
            _slotOf[used[k]] = k;
        }
        _numbers = new double[_slots.Length];
        _texts = new string?[_slots.Length];
        _readAt = new int[_slots.Length];
        _numberOf = Number;
        _textOf = TextOf;
    }

    /// <summary>The predicate as written.</summary>
    public string Text => _predicate.Text;

    /// <summary>Rows tested.</summary>
    public int Seen { get; private set; }

    /// <summary>Rows that passed.</summary>
    public int Kept { get; private set; }

    /// <summary>
    /// Binds <paramref name="predicate"/> to the columns of <paramref name="cursor"/>, which is on its first row, and to the
    /// scale variables of <paramref name="plan"/> (whose values <paramref name="variable"/> gives for the current row).
    /// An unknown name or a text column used as a number is a <see cref="FormulaException"/> with its place.
    /// </summary>
    public static RowFilter Bind(FormulaPredicate predicate, TableCursor cursor, ColumnPlan? plan = null, Func<ScaleVariable, double>? variable = null)
    {
        var (asText, asNumber) = Usage(predicate.Node);
        var names = new Dictionary<string, Slot>(StringComparer.Ordinal);
        if (plan is not null && variable is not null)
        {
            var variables = new List<ScaleVariable>(plan.PresentScale);
            if (plan.Derived is { } derived) variables.Add(derived);
            if (plan.Has(ColumnRole.UniqueTokens)) variables.Add(ScaleVariable.UniqueTokens);
            foreach (var (named, _) in plan.Named) variables.Add(named);
            foreach (var v in variables) names.TryAdd(v.Symbol, new Slot(PredicateColumnKind.Number, -1, v, v.Symbol));
        }
        for (int i = 0; i < cursor.Columns.Count; i++)
        {
            var name = NameOf(cursor.Columns[i]);
            if (name.Length == 0 || names.ContainsKey(name)) continue;
            var kind = RoleKind(plan, i) ?? (asText.Contains(name) ? PredicateColumnKind.Text
                : FirstCell(cursor, i) ?? (asNumber.Contains(name) ? PredicateColumnKind.Number : PredicateColumnKind.Text));
            names[name] = new Slot(kind, i, null, cursor.Columns[i]);
        }
        var kinds = new Dictionary<string, PredicateColumnKind>(names.Count, StringComparer.Ordinal);
        foreach (var (name, slot) in names) kinds[name] = slot.Kind;
        predicate.Check(kinds);
        return new RowFilter(predicate, cursor, variable, names);
    }

    /// <summary>
    /// The name of a column in a predicate: the name itself when it is an identifier, else each run of other characters than
    /// ASCII letters, digits and <c>_</c> made one <c>_</c>, without one at either end, and <c>_</c> before a leading digit.
    /// </summary>
    public static string NameOf(string column)
    {
        if (ScaleVariable.IsIdentifier(column)) return column;
        var chars = new System.Text.StringBuilder(column.Length);
        foreach (var c in column)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_') chars.Append(c);
            else if (chars.Length > 0 && chars[^1] != '_') chars.Append('_');
        }
        while (chars.Length > 0 && chars[^1] == '_') chars.Length--;
        if (chars.Length > 0 && char.IsAsciiDigit(chars[0])) chars.Insert(0, '_');
        return chars.ToString();
    }

    /// <summary>Whether the cursor's current row passes.</summary>
    public bool Keep()
    {
        _stamp++;
        Seen++;
        bool keep = _predicate.Evaluate(_numberOf, _textOf);
        if (keep) Kept++;
        return keep;
    }

    private double Number(string name)
    {
        int k = _slotOf[name];
        if (_readAt[k] == _stamp) return _numbers[k];
        var slot = _slots[k];
        double value;
        if (slot.Variable is { } v) value = _variable!(v);
        else
        {
            var kind = _cursor.Cell(slot.Column, out var text);
            double parsed = double.NaN;
            var outcome = kind == CellKind.Missing ? NumberCell.Outcome.Empty : NumberCell.Parse(text, out parsed);
            value = outcome switch
            {
                NumberCell.Outcome.Number => parsed,
                NumberCell.Outcome.Infinite => text.TrimStart().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity,
                NumberCell.Outcome.NotANumber => throw new InputDataException(_cursor.RowSource, _cursor.RowInSource, slot.Name,
                    $"--where reads '{InputText.Show(slot.Name)}' as a number, but '{InputText.Show(text.Trim())}' is not one"),
                // Empty and NaN cells: every comparison with them is false.
                _ => double.NaN,
            };
        }
        _readAt[k] = _stamp;
        return _numbers[k] = value;
    }

    private string? TextOf(string name)
    {
        int k = _slotOf[name];
        var slot = _slots[k];
        if (slot.Kind != PredicateColumnKind.Text) return null;
        if (_readAt[k] == _stamp) return _texts[k];
        var text = _cursor.Cell(slot.Column, out var cell) == CellKind.Missing ? default : cell.Trim();
        // Tags repeat from row to row: the last string is kept while the cell is the same.
        if (_texts[k] is not { } last || !text.SequenceEqual(last)) _texts[k] = new string(text);
        _readAt[k] = _stamp;
        return _texts[k];
    }

    private static PredicateColumnKind? RoleKind(ColumnPlan? plan, int column)
    {
        if (plan is null) return null;
        foreach (var role in ColumnAliases.AllRoles)
        {
            if (plan.For(role) is { Path: null } cell && cell.Column == column)
            {
                return role is ColumnRole.RunId or ColumnRole.Group ? PredicateColumnKind.Text : PredicateColumnKind.Number;
            }
        }
        foreach (var (_, cell) in plan.Named) if (cell.Path is null && cell.Column == column) return PredicateColumnKind.Number;
        return null;
    }

    // What the first cell holds; null when it is empty or missing, which says nothing.
    private static PredicateColumnKind? FirstCell(TableCursor cursor, int column)
    {
        var kind = cursor.Cell(column, out var text);
        if (kind == CellKind.Number) return PredicateColumnKind.Number;
        if (kind == CellKind.Missing || text.IsWhiteSpace()) return null;
        return kind == CellKind.Text && NumberCell.Parse(text, out _) is NumberCell.Outcome.Number or NumberCell.Outcome.NaN or NumberCell.Outcome.Infinite
            ? PredicateColumnKind.Number : PredicateColumnKind.Text;
    }

    // Names compared with quoted text, and names used as numbers (arithmetic, an ordering, a comparison with a number).
    private static (HashSet<string> Text, HashSet<string> Number) Usage(FormulaNode root)
    {
        var text = new HashSet<string>(StringComparer.Ordinal);
        var number = new HashSet<string>(StringComparer.Ordinal);
        Walk(root);
        return (text, number);

        void Walk(FormulaNode node)
        {
            switch (node.Kind)
            {
                case FormulaNodeKind.Symbol:
                    number.Add(node.Name);
                    return;
                case FormulaNodeKind.Equal or FormulaNodeKind.NotEqual:
                {
                    var (left, right) = (node.Arguments[0], node.Arguments[1]);
                    if (Side(left, right) || Side(right, left)) return;
                    if (left.Kind == FormulaNodeKind.Symbol && right.Kind == FormulaNodeKind.Symbol) return;
                    Walk(left);
                    Walk(right);
                    return;
                }
                default:
                    foreach (var argument in node.Arguments) Walk(argument);
                    return;
            }
        }

        bool Side(FormulaNode symbol, FormulaNode other)
        {
            if (symbol.Kind != FormulaNodeKind.Symbol || other.Kind != FormulaNodeKind.Text) return false;
            text.Add(symbol.Name);
            return true;
        }
    }
}
