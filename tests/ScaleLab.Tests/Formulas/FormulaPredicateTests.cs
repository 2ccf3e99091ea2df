using ScaleLab.Formulas;

namespace ScaleLab.Tests.Formulas;

/// <summary>Row predicates for --where: evaluation over numeric and text columns, and the checks against a table's columns.</summary>
public class FormulaPredicateTests
{
    private static readonly Dictionary<string, PredicateColumnKind> Columns = new()
    {
        ["N"] = PredicateColumnKind.Number, ["D"] = PredicateColumnKind.Number, ["model"] = PredicateColumnKind.Text, ["lr"] = PredicateColumnKind.Number,
    };

    private static bool Row(string predicate, double n, double d, string model, double lr = 3e-4)
    {
        var p = FormulaPredicate.Parse(predicate);
        p.Check(Columns);
        var numbers = new Dictionary<string, double> { ["N"] = n, ["D"] = d, ["lr"] = lr };
        return p.Evaluate(name => numbers[name], name => name == "model" ? model : null);
    }

    [Theory]
    [InlineData("N >= 1e8 and model == \"gpt\"", 1e8, 1e9, "gpt", true)]
    [InlineData("N >= 1e8 and model == \"gpt\"", 1e8, 1e9, "GPT", false)]
    [InlineData("D/N < 20", 1e8, 1.9e9, "x", true)]
    [InlineData("D/N < 20", 1e8, 2e9, "x", false)]
    [InlineData("not (N > 1e9 or model != 'llama')", 1e9, 1, "llama", true)]
    [InlineData("log10(N) == 8 or lr > 1e-3", 1e8, 1, "x", true)]
    [InlineData("N != N", double.NaN, 1, "x", true)]
    [InlineData("N < 1 or N >= 1", double.NaN, 1, "x", false)]
    public void Evaluate_Rows_FollowsTheLogic(string predicate, double n, double d, string model, bool expected)
    {
        Assert.Equal(expected, Row(predicate, n, d, model));
    }

    [Theory]
    [InlineData("modle == \"gpt\"", 0, "no column 'modle'", "did you mean 'model'?")]
    [InlineData("n > 3", 0, "no column 'n'", "did you mean 'N'?")]
    [InlineData("tokens > 3", 0, "no column 'tokens'", "the columns are 'N', 'D', 'model', 'lr'")]
    [InlineData("model > \"a\"", 0, "'model' is text", "text can only be compared with == or !=")]
    [InlineData("N == \"gpt\"", 5, "text compared with a number", "compare a text column with quoted text, a numeric column with a number")]
    [InlineData("model == 3", 0, "text compared with a number", "compare a text column with quoted text, a numeric column with a number")]
    [InlineData("log(model) > 1", 4, "'model' is text", "text can only be compared with == or !=")]
    public void Check_AgainstColumns_NamesTheProblem(string predicate, int position, string reason, string hint)
    {
        var ex = Assert.Throws<FormulaException>(() => FormulaPredicate.Parse(predicate).Check(Columns));
        Assert.Equal((position, reason, hint), (ex.Position, ex.Reason, ex.Hint));
    }

    [Fact]
    public void Columns_ListsEveryColumnRead()
    {
        Assert.Equal(["N", "model", "D"], FormulaPredicate.Parse("N > 1 and (model == 'a' or D/N < 2)").Columns);
    }
}
