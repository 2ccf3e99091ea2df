namespace ScaleLab.Formulas;

/// <summary>
/// Parses formulas and row predicates. Precedence from loosest to tightest: <c>or</c>, <c>and</c>,
/// <c>not</c>, comparisons (predicates only, not chained), <c>+ -</c>, <c>* /</c>, unary minus, powers
/// (<c>^</c> or <c>**</c>, right-associative). The exponent of a power may itself start with a unary
/// minus, so <c>N^-alpha</c> is <c>N^(-alpha)</c>, <c>-x^2</c> is <c>-(x^2)</c> and <c>2^-3^2</c> is
/// <c>2^(-(3^2))</c>. Function names and arities are checked here; symbols are classified later.
/// </summary>
public sealed class FormulaParser
{
    private readonly string _text;
    private readonly string _source;
    private readonly bool _predicate;
    private readonly List<FormulaToken> _tokens;
    private int _next;

    private FormulaParser(string text, string source, bool predicate, int start = 0)
    {
        _text = text;
        _source = source;
        _predicate = predicate;
        _tokens = FormulaLexer.Tokenize(text, source, start);
    }

    /// <summary>Parses an arithmetic formula; throws <see cref="FormulaException"/> with the position of the first error.</summary>
    /// <param name="text">The formula, e.g. <c>E + A*N^-alpha + B*D^-beta</c>.</param>
    /// <param name="source">What the text is, for messages (<c>formula</c>, <c>definition 'R_D'</c>).</param>
    public static FormulaNode Parse(string text, string source = "formula") => new FormulaParser(text, source, predicate: false).ParseAll();

    /// <summary>Parses the formula that starts at offset <paramref name="start"/> of <paramref name="text"/> (positions stay those of the whole text).</summary>
    internal static FormulaNode Parse(string text, int start, string source) => new FormulaParser(text, source, predicate: false, start).ParseAll();

    /// <summary>
    /// Parses a row predicate such as <c>N &gt;= 1e8 and (model == "gpt" or not D/N &lt; 20)</c>: comparisons
    /// of arithmetic expressions or of a tag column with quoted text, combined with <c>and</c>, <c>or</c>, <c>not</c>.
    /// </summary>
    public static FormulaNode ParsePredicate(string text, string source = "--where")
    {
        var parser = new FormulaParser(text, source, predicate: true);
        var node = parser.ParseAll();
        parser.RequireCondition(node);
        return node;
    }

    private FormulaToken Peek => _tokens[_next];

    private FormulaNode ParseAll()
    {
        if (Peek.Kind == FormulaTokenKind.End) throw Error(Peek, _predicate ? "the predicate is empty" : "the formula is empty");
        var node = _predicate ? ParseOr() : ParseAdditive();
        if (Peek.Kind != FormulaTokenKind.End)
        {
            if (Peek.Kind == FormulaTokenKind.RightParen) throw Error(Peek, "unexpected ')'", "no '(' is open here");
            throw Unexpected(Peek);
        }
        return node;
    }

    private FormulaNode ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword(Peek, "or"))
        {
            var op = _tokens[_next++];
            left = FormulaNode.Binary(FormulaNodeKind.Or, RequireCondition(left), RequireCondition(ParseAnd()), op.Position);
        }
        return left;
    }

    private FormulaNode ParseAnd()
    {
        var left = ParseNot();
        while (IsKeyword(Peek, "and"))
        {
            var op = _tokens[_next++];
            left = FormulaNode.Binary(FormulaNodeKind.And, RequireCondition(left), RequireCondition(ParseNot()), op.Position);
        }
        return left;
    }

    private FormulaNode ParseNot()
    {
        if (!IsKeyword(Peek, "not")) return ParseComparison();
        var op = _tokens[_next++];
        return FormulaNode.Unary(FormulaNodeKind.Not, RequireCondition(ParseNot()), op.Position);
    }

    private FormulaNode ParseComparison()
    {
        var left = ParseAdditive();
        if (ComparisonKind(Peek.Kind) is not { } kind) return left;
        var op = _tokens[_next++];
        var right = ParseAdditive();
        if (ComparisonKind(Peek.Kind) is not null)
        {
            throw Error(Peek, "comparisons do not chain", "write 'a < b and b < c'");
        }
        return FormulaNode.Binary(kind, RequireValue(left), RequireValue(right), op.Position);
    }

    private FormulaNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek.Kind is FormulaTokenKind.Plus or FormulaTokenKind.Minus)
        {
            var op = _tokens[_next++];
            var kind = op.Kind == FormulaTokenKind.Plus ? FormulaNodeKind.Add : FormulaNodeKind.Subtract;
            left = FormulaNode.Binary(kind, RequireNumber(left), RequireNumber(ParseMultiplicative()), op.Position);
        }
        return left;
    }

    private FormulaNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Peek.Kind is FormulaTokenKind.Star or FormulaTokenKind.Slash)
        {
            var op = _tokens[_next++];
            var kind = op.Kind == FormulaTokenKind.Star ? FormulaNodeKind.Multiply : FormulaNodeKind.Divide;
            left = FormulaNode.Binary(kind, RequireNumber(left), RequireNumber(ParseUnary()), op.Position);
        }
        return left;
    }

    private FormulaNode ParseUnary()
    {
        if (Peek.Kind == FormulaTokenKind.Minus)
        {
            var op = _tokens[_next++];
            return FormulaNode.Unary(FormulaNodeKind.Negate, RequireNumber(ParseUnary()), op.Position);
        }
        if (Peek.Kind == FormulaTokenKind.Plus)
        {
            _next++;
            return RequireNumber(ParseUnary());
        }
        return ParsePower();
    }

    private FormulaNode ParsePower()
    {
        var baseNode = ParsePrimary();
        if (Peek.Kind != FormulaTokenKind.Power) return baseNode;
        var op = _tokens[_next++];
        // The exponent is a unary expression, which makes ^ right-associative and lets N^-alpha mean N^(-alpha).
        return FormulaNode.Binary(FormulaNodeKind.Power, RequireNumber(baseNode), RequireNumber(ParseUnary()), op.Position);
    }

    private FormulaNode ParsePrimary()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case FormulaTokenKind.Number:
                _next++;
                return FormulaNode.Number(token.Number, token.Position);
            case FormulaTokenKind.Text:
                if (!_predicate) throw Error(token, "quoted text in a formula", "text is only allowed in --where predicates, compared with == or !=");
                _next++;
                return FormulaNode.Text(token.Text, token.Position);
            case FormulaTokenKind.Identifier:
                if (token.Text is "and" or "or" or "not")
                {
                    if (!_predicate) throw Error(token, $"'{token.Text}' in a formula", "and, or, not are only allowed in --where predicates");
                    throw Error(token, $"expected a number, a name or '(' but found '{token.Text}'");
                }
                _next++;
                return Peek.Kind == FormulaTokenKind.LeftParen ? ParseCall(token) : FormulaNode.Symbol(token.Text, token.Position);
            case FormulaTokenKind.LeftParen:
            {
                _next++;
                var inner = _predicate ? ParseOr() : ParseAdditive();
                Expect(FormulaTokenKind.RightParen, token);
                return inner;
            }
            case FormulaTokenKind.End:
                throw Error(token, "expected a number, a name or '(' but the input ends here", "an operand is missing");
            default:
                throw Error(token, $"unexpected {token.Describe(_text)}", "expected a number, a name or '('");
        }
    }

    private FormulaNode ParseCall(FormulaToken name)
    {
        var open = _tokens[_next++];
        if (!FormulaFunctions.TryLookup(name.Text, out var function))
        {
            throw Error(name, $"unknown function '{name.Text}'",
                NearMisses.Hint(name.Text, FormulaFunctions.Names) ?? $"the functions are {string.Join(", ", FormulaFunctions.Names)}");
        }
        var arguments = new List<FormulaNode>();
        if (Peek.Kind != FormulaTokenKind.RightParen)
        {
            while (true)
            {
                arguments.Add(RequireNumber(_predicate ? ParseOr() : ParseAdditive()));
                if (Peek.Kind != FormulaTokenKind.Comma) break;
                _next++;
            }
        }
        Expect(FormulaTokenKind.RightParen, open);
        var (min, max) = FormulaFunctions.Arity(function);
        if (arguments.Count < min || arguments.Count > max)
        {
            throw Error(name, $"{name.Text} takes {FormulaFunctions.DescribeArity(function)}, not {arguments.Count}", null, name.Length);
        }
        return FormulaNode.Call(name.Text, arguments, name.Position);
    }

    private void Expect(FormulaTokenKind kind, FormulaToken open)
    {
        if (Peek.Kind == kind) { _next++; return; }
        if (Peek.Kind == FormulaTokenKind.End)
        {
            throw Error(Peek, "missing ')'", $"the '(' at column {open.Position + 1} is not closed");
        }
        throw Unexpected(Peek, open.Kind == FormulaTokenKind.LeftParen ? "expected ',' or ')'" : null);
    }

    private FormulaException Unexpected(FormulaToken token, string? expected = null)
    {
        if (!_predicate && token.Kind == FormulaTokenKind.Identifier && token.Text is "and" or "or" or "not")
        {
            return Error(token, $"'{token.Text}' in a formula", "and, or, not are only allowed in --where predicates");
        }
        var previous = _next > 0 ? _tokens[_next - 1] : default;
        if (token.Kind is FormulaTokenKind.Identifier or FormulaTokenKind.Number or FormulaTokenKind.LeftParen &&
            previous.Kind is FormulaTokenKind.Number or FormulaTokenKind.Identifier or FormulaTokenKind.RightParen)
        {
            var left = _text.Substring(previous.Position, previous.Length);
            var right = _text.Substring(token.Position, token.Length);
            return Error(token, $"expected an operator before {token.Describe(_text)}", $"multiplication is not implicit: write {left}*{right}");
        }
        if (token.Kind == FormulaTokenKind.Comma) return Error(token, "unexpected ','", "commas separate the arguments of a function call");
        return Error(token, $"unexpected {token.Describe(_text)}", expected);
    }

    private static bool IsKeyword(FormulaToken token, string keyword) => token.Kind == FormulaTokenKind.Identifier && token.Text == keyword;

    private static FormulaNodeKind? ComparisonKind(FormulaTokenKind kind) => kind switch
    {
        FormulaTokenKind.Less => FormulaNodeKind.Less,
        FormulaTokenKind.LessOrEqual => FormulaNodeKind.LessOrEqual,
        FormulaTokenKind.Greater => FormulaNodeKind.Greater,
        FormulaTokenKind.GreaterOrEqual => FormulaNodeKind.GreaterOrEqual,
        FormulaTokenKind.Equal => FormulaNodeKind.Equal,
        FormulaTokenKind.NotEqual => FormulaNodeKind.NotEqual,
        _ => null,
    };

    private static bool IsCondition(FormulaNode node) => node.Kind is FormulaNodeKind.Less or FormulaNodeKind.LessOrEqual or FormulaNodeKind.Greater
        or FormulaNodeKind.GreaterOrEqual or FormulaNodeKind.Equal or FormulaNodeKind.NotEqual or FormulaNodeKind.And or FormulaNodeKind.Or or FormulaNodeKind.Not;

    // A condition where a condition is needed (and, or, not, the whole predicate).
    private FormulaNode RequireCondition(FormulaNode node)
    {
        if (IsCondition(node)) return node;
        throw new FormulaException(_text, node.Start, "expected a comparison here", "e.g. N > 1e8 or model == \"gpt\"", _source);
    }

    // A number or a text (the operand of a comparison).
    private FormulaNode RequireValue(FormulaNode node)
    {
        if (!IsCondition(node)) return node;
        throw new FormulaException(_text, node.Start, "a comparison cannot be compared", "combine conditions with and, or", _source);
    }

    // A number (the operand of arithmetic or of a function).
    private FormulaNode RequireNumber(FormulaNode node)
    {
        if (IsCondition(node)) throw new FormulaException(_text, node.Start, "a condition is not a number", "arithmetic and functions take numbers", _source);
        if (node.Kind == FormulaNodeKind.Text) throw new FormulaException(_text, node.Start, "quoted text is not a number", "text can only be compared with == or !=", _source);
        return node;
    }

    private FormulaException Error(FormulaToken token, string reason, string? hint = null, int? length = null) =>
        new(_text, token.Position, reason, hint, _source, length ?? Math.Max(1, token.Length));
}
