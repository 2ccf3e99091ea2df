using System.Globalization;
using ScaleLab.Data;

namespace ScaleLab.Design;

/// <summary>
/// The cost of a run as a small fixed grammar over its scale variables: products, quotients and powers
/// of N, D, C, U_D (or U) and numbers, with parentheses — <c>6*N*D</c> (the default, training FLOPs by
/// C = 6ND), <c>C</c>, <c>N^1.1*D</c>, <c>(N*D)^0.5/1e9</c>. Every such expression is a monomial
/// k·N^a·D^b·C^c·U^u, which is how it is held. The formula engine will replace this grammar.
/// </summary>
public sealed class CostExpression
{
    private readonly double _coefficient;
    private readonly double[] _exponents;

    private CostExpression(string text, double coefficient, double[] exponents)
    {
        Text = text;
        _coefficient = coefficient;
        _exponents = exponents;
    }

    /// <summary>Training FLOPs by C = 6ND.</summary>
    public static CostExpression Default { get; } = Parse("6*N*D");

    /// <summary>The expression as given.</summary>
    public string Text { get; }

    /// <summary>The cost of a run at <paramref name="point"/> (positive for positive variables and coefficient).</summary>
    public double Evaluate(Observation point)
    {
        double cost = _coefficient;
        for (int v = 0; v < _exponents.Length; v++)
        {
            double e = _exponents[v];
            if (e == 0) continue;
            double x = point.Get(ScaleVariable.WellKnown[v]);
            cost *= e == 1 ? x : Math.Pow(x, e);
        }
        return cost;
    }

    /// <summary>The variables the cost reads (N, D, C, U in that order).</summary>
    public IReadOnlyList<ScaleVariable> Variables => Enumerable.Range(0, _exponents.Length).Where(v => _exponents[v] != 0).Select(v => ScaleVariable.WellKnown[v]).ToArray();

    /// <summary>
    /// Parses <paramref name="text"/>; throws <see cref="ArgumentException"/> naming the column (1-based) of
    /// the first character it cannot read and what is allowed.
    /// </summary>
    public static CostExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var (k, e) = parser.Product();
        parser.SkipSpace();
        if (!parser.AtEnd) throw parser.Error("unexpected");
        if (!(k > 0) || !double.IsFinite(k)) throw new ArgumentException($"cost '{text}': the constant factor {k.ToString("G6", CultureInfo.InvariantCulture)} is not a positive finite number");
        return new CostExpression(text.Trim(), k, e);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    // Recursive descent over: product := power (('*' | '/') power)*;  power := primary ('^' number)?;
    // primary := number | N | D | C | U | U_D | '(' product ')'. Each value is (constant, exponents of N, D, C, U).
    private sealed class Parser(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        }

        public ArgumentException Error(string what)
        {
            var found = AtEnd ? "end of text" : $"'{text[_at]}'";
            return new ArgumentException(
                $"cost '{text}': {what} {found} at column {_at + 1}; write products, quotients and powers of N, D, C, U_D and numbers (e.g. 6*N*D, C, N^1.2*D)");
        }

        public (double K, double[] E) Product()
        {
            var (k, e) = Power();
            while (true)
            {
                SkipSpace();
                if (AtEnd || (text[_at] != '*' && text[_at] != '/')) return (k, e);
                bool divide = text[_at] == '/';
                _at++;
                var (k2, e2) = Power();
                k = divide ? k / k2 : k * k2;
                for (int v = 0; v < e.Length; v++) e[v] += divide ? -e2[v] : e2[v];
            }
        }

        private (double K, double[] E) Power()
        {
            var (k, e) = Primary();
            SkipSpace();
            if (AtEnd || text[_at] != '^') return (k, e);
            _at++;
            SkipSpace();
            double power = Number() ?? throw Error("expected a number after '^', found");
            for (int v = 0; v < e.Length; v++) e[v] *= power;
            return (Math.Pow(k, power), e);
        }

        private (double K, double[] E) Primary()
        {
            SkipSpace();
            var e = new double[ScaleVariable.WellKnown.Count];
            if (AtEnd) throw Error("expected a number, N, D, C, U_D or '(', found");
            char c = text[_at];
            if (c == '(')
            {
                _at++;
                var inner = Product();
                SkipSpace();
                if (AtEnd || text[_at] != ')') throw Error("expected ')', found");
                _at++;
                return inner;
            }
            if (Number() is { } k) return (k, e);
            // Slots of N, D, C, U in ScaleVariable.WellKnown.
            int slot = char.ToUpperInvariant(c) switch { 'N' => 0, 'D' => 1, 'C' => 2, 'U' => 3, _ => -1 };
            if (slot < 0) throw Error("expected a number, N, D, C, U_D or '(', found");
            _at++;
            if (slot == 3 && _at + 1 < text.Length && text[_at] == '_' && char.ToUpperInvariant(text[_at + 1]) == 'D') _at += 2;
            if (!AtEnd && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_')) throw Error("unexpected");
            e[slot] = 1;
            return (1, e);
        }

        private double? Number()
        {
            int start = _at, end = _at;
            if (end < text.Length && (text[end] == '-' || text[end] == '+')) end++;
            while (end < text.Length && (char.IsDigit(text[end]) || text[end] == '.')) end++;
            if (end == start || !char.IsDigit(text[end - 1]) && text[end - 1] != '.') return null;
            if (end < text.Length && (text[end] == 'e' || text[end] == 'E'))
            {
                int exp = end + 1;
                if (exp < text.Length && (text[exp] == '-' || text[exp] == '+')) exp++;
                int digits = exp;
                while (digits < text.Length && char.IsDigit(text[digits])) digits++;
                if (digits > exp) end = digits;
            }
            if (!double.TryParse(text.AsSpan(start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                return null;
            }
            _at = end;
            return value;
        }
    }
}
