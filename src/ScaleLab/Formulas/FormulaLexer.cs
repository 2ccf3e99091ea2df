using System.Globalization;

namespace ScaleLab.Formulas;

/// <summary>
/// Splits formula text into tokens. Numbers are invariant (<c>1e9</c>, <c>1.5E+22</c>, <c>.25</c>);
/// names start with a letter or <c>_</c> and go on with letters, digits and <c>_</c>; <c>**</c> is
/// <c>^</c>; text literals are in single or double quotes with no escapes.
/// </summary>
internal static class FormulaLexer
{
    public static List<FormulaToken> Tokenize(string text, string source, int offset = 0)
    {
        var tokens = new List<FormulaToken>();
        int i = offset;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length)
            {
                tokens.Add(new FormulaToken(FormulaTokenKind.End, text.Length, 0));
                return tokens;
            }
            char c = text[i];
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i, source));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new FormulaToken(FormulaTokenKind.Identifier, start, i - start, Text: text[start..i]));
            }
            else if (c is '"' or '\'')
            {
                int end = text.IndexOf(c, i + 1);
                if (end < 0) throw new FormulaException(text, i, "unterminated quoted text", $"close it with {c}", source);
                tokens.Add(new FormulaToken(FormulaTokenKind.Text, i, end - i + 1, Text: text[(i + 1)..end]));
                i = end + 1;
            }
            else
            {
                tokens.Add(ReadOperator(text, ref i, source));
            }
        }
    }

    private static FormulaToken ReadOperator(string text, ref int i, string source)
    {
        int start = i;
        char c = text[i];
        char next = i + 1 < text.Length ? text[i + 1] : '\0';
        (FormulaTokenKind kind, int length) = c switch
        {
            '+' => (FormulaTokenKind.Plus, 1),
            '-' => (FormulaTokenKind.Minus, 1),
            '*' when next == '*' => (FormulaTokenKind.Power, 2),
            '*' => (FormulaTokenKind.Star, 1),
            '/' => (FormulaTokenKind.Slash, 1),
            '^' => (FormulaTokenKind.Power, 1),
            '(' => (FormulaTokenKind.LeftParen, 1),
            ')' => (FormulaTokenKind.RightParen, 1),
            ',' => (FormulaTokenKind.Comma, 1),
            '<' when next == '=' => (FormulaTokenKind.LessOrEqual, 2),
            '<' => (FormulaTokenKind.Less, 1),
            '>' when next == '=' => (FormulaTokenKind.GreaterOrEqual, 2),
            '>' => (FormulaTokenKind.Greater, 1),
            '=' when next == '=' => (FormulaTokenKind.Equal, 2),
            '!' when next == '=' => (FormulaTokenKind.NotEqual, 2),
            '=' => throw new FormulaException(text, i, "unexpected '='", "compare with ==; a definition 'name = expression' belongs in a law file's definitions", source),
            '!' => throw new FormulaException(text, i, "unexpected '!'", "write 'not' for negation or != for inequality", source),
            '[' or ']' or '{' or '}' => throw new FormulaException(text, i, $"unexpected '{c}'", "group with round parentheses ( )", source),
            _ => throw new FormulaException(text, i, $"unexpected character {Show(c)}", null, source),
        };
        i += length;
        return new FormulaToken(kind, start, length);
    }

    private static FormulaToken ReadNumber(string text, ref int i, string source)
    {
        int start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            int mark = i;
            i++;
            if (i < text.Length && text[i] is '+' or '-') i++;
            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                throw new FormulaException(text, mark, $"malformed number '{text[start..i]}'", "an exponent needs digits, e.g. 1e9 or 1.5E+22", source, i - start);
            }
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        var literal = text[start..i];
        var value = double.Parse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value)) throw new FormulaException(text, start, $"number '{literal}' is too large for a double", null, source, literal.Length);
        if (i < text.Length && text[i] == '.') throw new FormulaException(text, i, $"malformed number '{literal}.'", "a number has at most one decimal point", source);
        return new FormulaToken(FormulaTokenKind.Number, start, i - start, Number: value);
    }

    private static string Show(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
