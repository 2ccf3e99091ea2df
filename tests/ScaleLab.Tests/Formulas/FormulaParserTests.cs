using ScaleLab.Formulas;

namespace ScaleLab.Tests.Formulas;

/// <summary>Precedence, associativity, unary minus, numbers and names of the formula language.</summary>
public class FormulaParserTests
{
    [Theory]
    // Unary minus binds as in mathematics: looser than ^, tighter than * and /.
    [InlineData("N^-alpha", "N^(-alpha)")]
    [InlineData("-x^2", "-(x^2)")]
    [InlineData("2^-3^2", "2^(-(3^2))")]
    [InlineData("a^b^c", "a^(b^c)")]
    [InlineData("a**b**c", "a^(b^c)")]
    [InlineData("-a*b", "(-a)*b")]
    [InlineData("a*-b", "a*(-b)")]
    [InlineData("a - -b", "a - (-b)")]
    [InlineData("--a", "-(-a)")]
    [InlineData("a - b - c", "(a - b) - c")]
    [InlineData("a / b / c", "(a/b)/c")]
    [InlineData("a + b*c", "a + (b*c)")]
    [InlineData("a*b^c", "a*(b^c)")]
    [InlineData("(a*b)^c", "(a*b)^c")]
    [InlineData("+a", "a")]
    [InlineData("E + A*N^-alpha + B*D^-beta", "(E + (A*(N^(-alpha)))) + (B*(D^(-beta)))")]
    public void Parse_OperatorsBindAsDocumented(string text, string parenthesized)
    {
        Assert.True(FormulaParser.Parse(text).StructurallyEquals(FormulaParser.Parse(parenthesized)), $"{text} vs {parenthesized}");
    }

    [Theory]
    [InlineData("2^-3^2", 0.001953125)] // 2^(-9), as in Python's 2**-3**2
    [InlineData("-2^2", -4)]
    [InlineData("2^3^2", 512)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("1e9", 1e9)]
    [InlineData("1.5E+22", 1.5e22)]
    [InlineData("0.25 + .5", 0.75)]
    [InlineData("2.5e-3*4", 0.01)]
    [InlineData("max(1, 5, 3) - min(4, 2)", 3)]
    [InlineData("clamp(7, 0, 2) + clamp(-1, 0, 2) + clamp(1.5, 0, 2)", 3.5)]
    [InlineData("pow(2, 10) + sign(-3) + abs(-2)", 1025)]
    [InlineData("log(exp(2)) + log10(1000) + log2(8) + sqrt(16)", 12)]
    [InlineData("softplus(0) - log(2) + sigmoid(0) + tanh(0)", 0.5)]
    public void Interpret_Constants_GiveTheMathematicalValue(string text, double expected)
    {
        var program = FormulaProgram.Create(text, []);
        Assert.Equal(expected, FormulaInterpreter.Evaluate(program, new Dictionary<string, double>()), 12);
    }

    [Theory]
    [InlineData("E + A*N^-alpha + B*D^-beta")]
    [InlineData("max(D/U - 1, 0)")]
    [InlineData("U + R_Dstar*U*(1 - exp(-R_D/R_Dstar))")]
    [InlineData("-x^2")]
    [InlineData("(-x)^2")]
    [InlineData("a - (b - c)")]
    [InlineData("a/(b*c)")]
    [InlineData("2^-3^2")]
    [InlineData("(a^b)^c")]
    [InlineData("clamp(x, lo, hi)")]
    public void Print_CanonicalForm_IsAFixedPoint(string canonical)
    {
        Assert.Equal(canonical, FormulaPrinter.Print(FormulaParser.Parse(canonical)));
    }

    [Theory]
    [InlineData("E+A*N**-alpha+B*D**-beta", "E + A*N^-alpha + B*D^-beta")]
    [InlineData("((a))", "a")]
    [InlineData("(a + b) + c", "a + b + c")]
    [InlineData("a + (b + c)", "a + (b + c)")]
    [InlineData("1000000000", "1000000000")]
    [InlineData("1.5E+22", "1.5E+22")]
    public void Print_NormalisesSpacingAndParentheses(string text, string expected)
    {
        Assert.Equal(expected, FormulaPrinter.Print(FormulaParser.Parse(text)));
    }

    [Fact]
    public void Names_AreCaseSensitive_AndMayHoldDigitsAndUnderscores()
    {
        var program = FormulaProgram.Create("s*S + R_Dstar + lr*p1 + _k", ["s", "lr"]);
        Assert.Equal(["s", "lr"], program.Variables);
        Assert.Equal(["S", "R_Dstar", "p1", "_k"], program.Parameters);
        Assert.Equal(FormulaSymbolKind.Variable, program.Classify("s"));
        Assert.Equal(FormulaSymbolKind.Parameter, program.Classify("S"));
        Assert.Null(program.Classify("t"));
    }

    [Fact]
    public void Definitions_MuennighoffLaw_ClassifiesEverySymbol()
    {
        var program = FormulaProgram.Create("E + A/N^alpha + B/D_eff^beta",
            ["R_D = max(D/U - 1, 0)", "D_eff = U + R_Dstar*U*(1 - exp(-R_D/R_Dstar))"], ["N", "D", "U"]);
        Assert.Equal(["D", "U", "N"], program.Variables);
        Assert.Equal(["R_Dstar", "E", "A", "alpha", "B", "beta"], program.Parameters);
        Assert.Equal(FormulaSymbolKind.Definition, program.Classify("D_eff"));
        var values = new Dictionary<string, double>
        {
            ["N"] = 1e9, ["D"] = 4e10, ["U"] = 1e10, ["R_Dstar"] = 15.4, ["E"] = 1.87, ["A"] = 521, ["alpha"] = 0.35, ["B"] = 1488, ["beta"] = 0.35,
        };
        double rd = 3, dEff = 1e10 + 15.4 * 1e10 * (1 - Math.Exp(-rd / 15.4));
        Assert.Equal(1.87 + 521 / Math.Pow(1e9, 0.35) + 1488 / Math.Pow(dEff, 0.35), FormulaInterpreter.Evaluate(program, values), 12);
    }

    [Theory]
    [InlineData("N >= 1e8 and model == \"gpt\"", "(N >= 1e8) and (model == \"gpt\")")]
    [InlineData("not a < 1 or b > 2 and c != 'x'", "(not (a < 1)) or ((b > 2) and (c != \"x\"))")]
    [InlineData("D/N < 20", "(D/N) < 20")]
    [InlineData("(N > 1 or D > 2) and lr <= 3e-4", "((N > 1) or (D > 2)) and (lr <= 3e-4)")]
    public void ParsePredicate_BindsComparisonsTighterThanNotAndOr(string text, string parenthesized)
    {
        var a = FormulaParser.ParsePredicate(text);
        Assert.True(a.StructurallyEquals(FormulaParser.ParsePredicate(parenthesized)), FormulaPrinter.Print(a));
        Assert.True(a.StructurallyEquals(FormulaParser.ParsePredicate(FormulaPrinter.Print(a))));
    }
}
