using ScaleLab.Fitting;
using ScaleLab.Formulas;
using ScaleLab.Formulas.LawFiles;
using ScaleLab.Laws;

namespace ScaleLab.Tests.Formulas;

/// <summary>Law files: the model they give, and every error at once with its line and column.</summary>
public class LawFileReaderTests
{
    public static readonly string Muennighoff = """
        name = "data-constrained-formula"
        citation = "Muennighoff et al. 2023, Scaling Data-Constrained Language Models, arXiv:2305.16264, eqs. 5-6"
        formula = "E + A*N_eff^-alpha + B*D_eff^-beta"
        definitions = [{{Definitions}}]

        [variables]
        N = { column = "params", description = "parameters", unit = "parameters" }
        D = { column = "tokens", unit = "tokens" }
        U = "unique_tokens"

        [target]
        column = "val_loss"
        space = "log"

        [parameters]
        E = { lower = 0, upper = 10, start = [1, 3], log = true }
        A = { lower = 1e-3, upper = 1e10, log = true }
        B = { lower = 1e-3, upper = 1e10, log = true }
        alpha = { lower = 0, upper = 2 }
        beta = { lower = 0, upper = 2 }

        [parameters.R_Nstar]
        lower = 0.01
        upper = 1e4
        log = true
        description = "excess-parameter decay constant"

        [parameters.R_Dstar]
        lower = 0.01
        upper = 1e4
        log = true

        [starts.published]
        E = 1.8690
        A = 521.0
        B = 1488.0
        alpha = 0.3526596
        beta = 0.3526596
        R_Nstar = 5.309743
        R_Dstar = 15.387756

        [derived]
        G = "(alpha*A/(beta*B))^(1/(alpha + beta))"
        """.Replace("{{Definitions}}", string.Join(", ", DataConstrainedFormulaTests.Definitions.Select(d => $"\"{d}\"")));

    [Fact]
    public void Parse_MuennighoffLawFile_GivesTheModel()
    {
        var law = LawFileReader.Parse(Muennighoff, "laws/data-constrained.toml");
        Assert.Equal("data-constrained-formula", law.Name);
        Assert.StartsWith("Muennighoff et al. 2023", law.Citation);
        Assert.Equal(7, law.Program.Definitions.Count);
        Assert.Equal(["N", "D", "U"], law.Variables.Select(v => v.Symbol));
        Assert.Equal(["params", "tokens", "unique_tokens"], law.Variables.Select(v => v.Column));
        Assert.Equal("parameters", law.Variables[0].Unit);
        Assert.Equal(new FormulaTarget("val_loss", ResidualSpace.Log), law.Target);
        Assert.Equal(["E", "A", "B", "alpha", "beta", "R_Nstar", "R_Dstar"], law.Parameters.Select(p => p.Name));
        Assert.Equal((1.0, 3.0), law.Parameters[0].StartRange);
        Assert.Equal(ParameterTransform.Log, law.Parameters[6].Transform);
        Assert.Equal("excess-parameter decay constant", law.Parameters[5].Description);
        Assert.Equal(15.387756, law.Starts.Single().Values["R_Dstar"]);
        Assert.Equal("G", law.Derived.Single().Name);

        // The file's law is the one the tests compare with the built-in law.
        var compiled = law.Compile();
        var reference = DataConstrainedFormulaTests.Compile();
        Assert.Equal(reference.Parameters, compiled.Parameters);
        Assert.Equal(reference.Transforms, compiled.Transforms);
        Assert.Equal(reference.KinkSites.Select(s => s.Text), compiled.KinkSites.Select(s => s.Text));
    }

    [Fact]
    public void Parse_ManyProblems_ReportsEveryOneWithLineAndColumn()
    {
        const string text = """
            name = "broken"
            formulla = "E + A*N^-alpha"
            formula = "E + A*N^-alpha"

            [variables]
            N = { column = "params", colum = "x" }
            V = "vocab"

            [parameters]
            E = { lower = 2, upper = 1 }
            alpah = { lower = 0, upper = 2 }
            A = { lower = 0, upper = 10, start = [5, 20], fixed = 11 }
            N = { lower = 0 }

            [target]
            column = "loss"
            space = "logarithmic"
            """;
        var ex = Assert.Throws<LawFileException>(() => LawFileReader.Parse(text, "bad.toml"));
        Assert.Equal(
        [
            "bad.toml:2:1: unknown key 'formulla' in a law file: did you mean 'formula'?",
            "bad.toml:6:26: unknown key 'colum' in variable 'N': did you mean 'column'?",
            "bad.toml:7:5: variable 'V' is not used by the formula or its definitions",
            "bad.toml:10:15: parameter 'E': lower bound 2 is above upper bound 1",
            "bad.toml:11:1: parameter 'alpah': 'alpah' is not a parameter of the formula; did you mean 'alpha'?",
            "bad.toml:12:38: parameter 'A': start range [5, 20] is outside the bounds [0, 10]",
            "bad.toml:12:55: parameter 'A': fixed value 11 is outside the bounds [0, 10]",
            "bad.toml:13:1: parameter 'N': 'N' is a variable of the law, not a parameter",
            "bad.toml:17:9: target space 'logarithmic' is not one of log, linear, log1p",
        ], ex.Errors.Select(e => e.ToString()));
        Assert.Equal(9, ex.Message.Split('\n').Length);
    }

    [Fact]
    public void Parse_FormulaError_IsPlacedInsideTheStringWithItsCaret()
    {
        const string text = "name = \"x\"\nformula = \"E + A*exq(N)\"\n[variables]\nN = \"params\"\n";
        var error = Assert.Throws<LawFileException>(() => LawFileReader.Parse(text, "x.toml")).Errors.Single();
        Assert.Equal((2, 18), (error.Line, error.Column));
        Assert.Equal("x.toml:2:18: formula: unknown function 'exq' at column 7; did you mean 'exp'?\n  E + A*exq(N)\n        ^^^", error.ToString());
    }

    [Fact]
    public void Parse_DefinitionErrors_NameTheDefinitionAndPlaceInMultiLineFormula()
    {
        const string text = "name = \"x\"\ndefinitions = [\"R = D/U\", \"R = 2\"]\nformula = \"\"\"\nE +\n  A*R^-alpha)\"\"\"\n[variables]\nD = \"d\"\nU = \"u\"\n";
        var errors = Assert.Throws<LawFileException>(() => LawFileReader.Parse(text, "x.toml")).Errors;
        var error = errors.Single();
        Assert.Equal((5, 13), (error.Line, error.Column));
        Assert.StartsWith("formula: unexpected ')' at line 2, column 13", error.Message);

        const string twice = "name = \"x\"\ndefinitions = [\"R = D/U\", \"R = 2\"]\nformula = \"E + R\"\n[variables]\nD = \"d\"\nU = \"u\"\n";
        var dup = Assert.Throws<LawFileException>(() => LawFileReader.Parse(twice, "x.toml")).Errors.Single();
        Assert.Equal((2, 28), (dup.Line, dup.Column));
        Assert.StartsWith("definition 'R': 'R' is defined twice (first in definition 1)", dup.Message);
    }

    [Theory]
    [InlineData("name = \"x\"\nformula = \"a*N\"\n[variables\nN = \"n\"\n", 3, "TOML syntax")]
    [InlineData("name = \"x\"\nname = \"y\"\nformula = \"a*N\"\n[variables]\nN = \"n\"\n", 2, "key 'name' is defined twice")]
    [InlineData("formula = \"a*N\"\n[variables]\nN = \"n\"\n", 1, "missing 'name'")]
    [InlineData("name = 3\nformula = \"a*N\"\n[variables]\nN = \"n\"\n", 1, "'name' must be text in quotes, not a number")]
    [InlineData("name = \"x\"\nformula = \"a*N\"\n", 1, "missing [variables]")]
    [InlineData("name = \"x\"\nformula = \"a*N\"\n[variables]\nN = \"n\"\n[parameters]\na = { start = [1] }\n", 6, "parameter 'a': 'start' must be two finite numbers [lower, upper]")]
    [InlineData("name = \"x\"\nformula = \"a*N\"\n[variables]\nN = \"n\"\n[starts.s]\nb = 1\n", 6, "start 's': 'b' is not a parameter of the formula; the parameters are a")]
    [InlineData("name = \"x\"\nformula = \"a*N\"\n[variables]\nN = \"n\"\n[derived]\nG = \"a*N\"\n", 6, "derived 'G': 'N' is not a parameter of the law")]
    [InlineData("name = \"x\"\nformula = \"a*N\"\n[variables]\nN = \"n\"\n[[runs]]\nx = 1\n", 5, "arrays of tables ([[...]]) are not part of a law file")]
    public void Parse_SingleProblem_IsReportedWhereItIs(string text, int line, string message)
    {
        var error = Assert.Throws<LawFileException>(() => LawFileReader.Parse(text, "x.toml")).Errors[0];
        Assert.Equal(line, error.Line);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Parse_DottedKeysAndInfinity_MeanTheSameAsTables()
    {
        var law = LawFileReader.Parse("name = \"x\"\nformula = \"a*N^b\"\nvariables.N = \"n\"\nparameters.a.lower = 0\nparameters.a.upper = inf\n[parameters.b]\nfixed = -0.5\n", "x.toml");
        Assert.Equal(("a", 0.0, double.PositiveInfinity), (law.Parameters[0].Name, law.Parameters[0].Lower, law.Parameters[0].Upper));
        Assert.Equal(-0.5, law.Parameters[1].Fixed);
        Assert.Equal("n", law.ColumnOf("N"));
    }

    [Fact]
    public void Parse_ParametersNotListed_FollowInOrderOfFirstUse()
    {
        var law = LawFileReader.Parse("name = \"x\"\nformula = \"c + a*N^-b\"\n[variables]\nN = \"n\"\n[parameters]\nb = { lower = 0, upper = 1 }\n", "x.toml");
        Assert.Equal(["b", "c", "a"], law.Parameters.Select(p => p.Name));
        Assert.Equal(double.PositiveInfinity, law.Parameters[1].Upper);
        Assert.Null(law.Target);
    }
}
