using ScaleLab.Formulas;

namespace ScaleLab.Tests.Formulas;

/// <summary>Every malformed formula, definition and predicate: the position, the caret and the hint.</summary>
public class FormulaErrorTests
{
    [Fact]
    public void UnexpectedParenthesis_MessageShowsFormulaAndCaret()
    {
        var ex = Assert.Throws<FormulaException>(() => FormulaParser.Parse("E + A*N^-alpha)"));
        Assert.Equal(14, ex.Position);
        Assert.Equal(15, ex.Column);
        Assert.Equal("formula: unexpected ')' at column 15; no '(' is open here\n  E + A*N^-alpha)\n                ^", ex.Message);
        Assert.Equal("formula: unexpected ')' at column 15; no '(' is open here", ex.Summary);
    }

    [Theory]
    [InlineData("E + A*(N", 8, "missing ')'", "the '(' at column 7 is not closed")]
    [InlineData("exq(x)", 0, "unknown function 'exq'", "did you mean 'exp'?")]
    [InlineData("Exp(x)", 0, "unknown function 'Exp'", "did you mean 'exp'?")]
    [InlineData("sigmod(x)", 0, "unknown function 'sigmod'", "did you mean 'sigmoid'?")]
    [InlineData("lg(x)", 0, "unknown function 'lg'", "did you mean 'log'?")]
    [InlineData("frobnicate(x)", 0, "unknown function 'frobnicate'", "the functions are exp, log, log10, log2, sqrt, abs, sign, pow, min, max, clamp, softplus, sigmoid, tanh")]
    [InlineData("1 + max(x)", 4, "max takes 2 or more arguments, not 1", null)]
    [InlineData("clamp(x, 1)", 0, "clamp takes 3 arguments, not 2", null)]
    [InlineData("exp(x, y)", 0, "exp takes 1 argument, not 2", null)]
    [InlineData("2N", 1, "expected an operator before name 'N'", "multiplication is not implicit: write 2*N")]
    [InlineData("(a)(b)", 3, "expected an operator before '('", "multiplication is not implicit: write )*(")]
    [InlineData("a +", 3, "expected a number, a name or '(' but the input ends here", "an operand is missing")]
    [InlineData("a * / b", 4, "unexpected '/'", "expected a number, a name or '('")]
    [InlineData("a = b", 2, "unexpected '='", "compare with ==; a definition 'name = expression' belongs in a law file's definitions")]
    [InlineData("1e + 2", 1, "malformed number '1e'", "an exponent needs digits, e.g. 1e9 or 1.5E+22")]
    [InlineData("1.2.3", 3, "malformed number '1.2.'", "a number has at most one decimal point")]
    [InlineData("1e999", 0, "number '1e999' is too large for a double", null)]
    [InlineData("a $ b", 2, "unexpected character '$'", null)]
    [InlineData("a[1]", 1, "unexpected '['", "group with round parentheses ( )")]
    [InlineData("", 0, "the formula is empty", null)]
    [InlineData("   ", 3, "the formula is empty", null)]
    [InlineData("'gpt' + 1", 0, "quoted text in a formula", "text is only allowed in --where predicates, compared with == or !=")]
    [InlineData("a and b", 2, "'and' in a formula", "and, or, not are only allowed in --where predicates")]
    [InlineData("f(a, )", 0, "unknown function 'f'", "the functions are exp, log, log10, log2, sqrt, abs, sign, pow, min, max, clamp, softplus, sigmoid, tanh")]
    [InlineData("max(a, )", 7, "unexpected ')'", "expected a number, a name or '('")]
    [InlineData("a, b", 1, "unexpected ','", "commas separate the arguments of a function call")]
    public void Parse_MalformedFormula_NamesPositionReasonAndHint(string text, int position, string reason, string? hint)
    {
        var ex = Assert.Throws<FormulaException>(() => FormulaParser.Parse(text));
        Assert.Equal(reason, ex.Reason);
        Assert.Equal(hint, ex.Hint);
        Assert.Equal(position, ex.Position);
        var lines = ex.Message.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("  " + text, lines[1]);
        Assert.Equal(position + 2, lines[2].IndexOf('^'));
    }

    [Theory]
    [InlineData("exp", 0, "'exp' is a function", "call it: exp(x)")]
    [InlineData("N^-alpha + log", 11, "'log' is a function", "call it: log(x)")]
    public void Program_FunctionUsedAsSymbol_IsAnError(string text, int position, string reason, string hint)
    {
        var ex = Assert.Throws<FormulaException>(() => FormulaProgram.Create(text, ["N"]));
        Assert.Equal((position, reason, hint), (ex.Position, ex.Reason, ex.Hint));
    }

    [Theory]
    [InlineData(new[] { "R_D = D/U", "R_D = 2*D/U" }, 1, "definition 'R_D'", 0, "'R_D' is defined twice (first in definition 1)")]
    [InlineData(new[] { "x = D_eff + 1", "D_eff = 2*U" }, 0, "definition 'x'", 4, "'D_eff' is used before its definition (definition 2)")]
    [InlineData(new[] { "x = x + 1" }, 0, "definition 'x'", 4, "'x' refers to itself")]
    [InlineData(new[] { "D = 2*U" }, 0, "definition 'D'", 0, "'D' is a variable bound to a column and cannot also be defined")]
    [InlineData(new[] { "exp = 2*U" }, 0, "definition 1", 0, "'exp' is a function and cannot be defined")]
    [InlineData(new[] { "R D = 2*U" }, 0, "definition 1", 0, "'R D' is not a name")]
    [InlineData(new[] { "R_D 2*U" }, 0, "definition 1", 7, "a definition needs '='")]
    [InlineData(new[] { " = 2*U" }, 0, "definition 1", 1, "the definition has no name before '='")]
    [InlineData(new[] { "R_D == 2*U" }, 0, "definition 1", 4, "a definition is written with one '='")]
    [InlineData(new[] { "R_D = 2*(U" }, 0, "definition 'R_D'", 10, "missing ')'")]
    public void Program_BadDefinition_NamesTheDefinitionAndPosition(string[] definitions, int index, string subject, int position, string reason)
    {
        var ex = Assert.Throws<FormulaException>(() => FormulaProgram.Create("E + x", definitions, ["D", "U"]));
        Assert.Equal(definitions[index], ex.Formula);
        Assert.Equal(subject, ex.Subject);
        Assert.Equal(position, ex.Position);
        Assert.Equal(reason, ex.Reason);
        Assert.StartsWith(subject + ": " + reason, ex.Message);
    }

    [Theory]
    [InlineData("a < b < c", 6, "comparisons do not chain", "write 'a < b and b < c'")]
    [InlineData("a + 1", 0, "expected a comparison here", "e.g. N > 1e8 or model == \"gpt\"")]
    [InlineData("N > 1 and D", 10, "expected a comparison here", "e.g. N > 1e8 or model == \"gpt\"")]
    [InlineData("(a < b) + 1", 1, "a condition is not a number", "arithmetic and functions take numbers")]
    [InlineData("model == \"gpt", 9, "unterminated quoted text", "close it with \"")]
    [InlineData("\"a\" * 2 > 1", 0, "quoted text is not a number", "text can only be compared with == or !=")]
    [InlineData("not", 3, "expected a number, a name or '(' but the input ends here", "an operand is missing")]
    [InlineData("a = 1", 2, "unexpected '='", "compare with ==; a definition 'name = expression' belongs in a law file's definitions")]
    [InlineData("a ! 1", 2, "unexpected '!'", "write 'not' for negation or != for inequality")]
    [InlineData("", 0, "the predicate is empty", null)]
    public void ParsePredicate_Malformed_NamesPositionReasonAndHint(string text, int position, string reason, string? hint)
    {
        var ex = Assert.Throws<FormulaException>(() => FormulaParser.ParsePredicate(text));
        Assert.Equal((position, reason, hint), (ex.Position, ex.Reason, ex.Hint));
        Assert.StartsWith("--where: ", ex.Message);
    }

    [Fact]
    public void MultiLineFormula_ReportsLineAndColumnAndShowsThatLine()
    {
        var ex = Assert.Throws<FormulaException>(() => FormulaParser.Parse("E\n  + A*N^-alpha\n  + B*D^*beta"));
        Assert.Equal((3, 9), (ex.Line, ex.Column));
        Assert.Equal("formula: unexpected '*' at line 3, column 9; expected a number, a name or '('\n    + B*D^*beta\n          ^", ex.Message);
    }

    [Fact]
    public void InFile_PrefixesFileLineAndColumnOfTheError()
    {
        var ex = Assert.Throws<FormulaException>(() => FormulaParser.Parse("E + exq(N)")).InFile("laws/x.toml", 4, 12);
        Assert.StartsWith("laws/x.toml:4:16: formula: unknown function 'exq' at column 5; did you mean 'exp'?", ex.Message);
        Assert.Equal(("laws/x.toml", 4, 12), (ex.File, ex.FileLine, ex.FileColumn));
    }

    [Fact]
    public void NearMisses_ListsSeveralClosestFirst()
    {
        Assert.Equal(["max", "min"], NearMisses.Find("mix", ["min", "max", "exp", "sqrt"]));
        Assert.Equal(["exp"], NearMisses.Find("epx", ["expm", "exp", "sqrt"]));
        Assert.Equal(["tanh", "than"], NearMisses.Find("tahn", ["than", "tanh", "exp"]));
        Assert.Equal("did you mean 'max' or 'min'?", NearMisses.Hint("mix", ["min", "max", "exp"]));
        Assert.Null(NearMisses.Hint("zzzz", ["max", "min"]));
        Assert.Equal(["formula"], NearMisses.Find("formulla", ["formula", "definitions", "citation"]));
    }
}
