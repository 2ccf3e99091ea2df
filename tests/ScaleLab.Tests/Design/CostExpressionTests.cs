using ScaleLab.Data;
using ScaleLab.Design;
using ScaleLab.Quantities;

namespace ScaleLab.Tests.Design;

public class CostExpressionTests
{
    private static readonly Observation Run = Observation.FromParametersAndTokens(2e9, 4e10, 2.5) with { UniqueTokens = TokenCount.Of(1e10) };

    [Theory]
    [InlineData("6*N*D", 6 * 2e9 * 4e10)]
    [InlineData("C", 6 * 2e9 * 4e10)]
    [InlineData("N^1.5 * D / 1e9", 89442719099991.6 * 4e10 / 1e9)]
    [InlineData("(N*D)^0.5", 8944271909.999159)]
    [InlineData("2*U_D", 2e10)]
    [InlineData("6 * n * d", 6 * 2e9 * 4e10)]
    public void Evaluate_Monomials_GiveTheirValue(string text, double expected)
    {
        Assert.Equal(expected, CostExpression.Parse(text).Evaluate(Run), expected * 1e-12);
    }

    [Theory]
    [InlineData("6*N*X", "column 5")]
    [InlineData("6*N+D", "column 4")]
    [InlineData("(N*D", "expected ')'")]
    [InlineData("N^", "expected a number after '^'")]
    [InlineData("", "expected a number, N, D, C, U_D")]
    [InlineData("Nx", "column 2")]
    public void Parse_BadText_NamesTheColumn(string text, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => CostExpression.Parse(text));
        Assert.Contains(expected, e.Message);
        Assert.Contains("products, quotients and powers", e.Message);
    }

    [Fact]
    public void Parse_NonPositiveConstant_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => CostExpression.Parse("-6*N*D"));
        Assert.Contains("not a positive finite number", e.Message);
    }
}
