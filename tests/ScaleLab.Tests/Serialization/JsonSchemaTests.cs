using System.Globalization;
using System.Text;
using System.Text.Json;
using ScaleLab.Tests.Cli;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Serialization;

/// <summary>Every command's <c>--json</c> output matches the schema docs/json.md documents for it (docs/schemas).</summary>
public sealed class JsonSchemaTests : IDisposable
{
    private static readonly JsonSchemaValidator Schemas = JsonSchemaValidator.Load(Path.Combine(AppContext.BaseDirectory, "schemas"));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Four IsoFLOP budgets of five sizes around the optimum of Hoffmann et al.'s rounded law (eq. 10).</summary>
    private static string IsoFlopCsv()
    {
        var csv = new StringBuilder("group,params,compute,loss\n");
        foreach (var c in new[] { 1e18, 1e19, 1e20, 1e21 })
        {
            double g = Math.Pow(0.34 * 406.4 / (0.28 * 410.7), 1 / 0.62), optimal = g * Math.Pow(c / 6, 0.28 / 0.62);
            for (int k = -2; k <= 2; k++)
            {
                double n = optimal * Math.Pow(2, k), d = c / (6 * n);
                csv.Append(CultureInfo.InvariantCulture, $"C{c:0e0},{n:R},{c:R},{1.69 + 406.4 / Math.Pow(n, 0.34) + 410.7 / Math.Pow(d, 0.28):R}\n");
            }
        }
        return csv.ToString();
    }

    /// <summary>Training curves of four runs, six checkpoints each, on the same law.</summary>
    private static string CurvesCsv()
    {
        var csv = new StringBuilder("run,params,tokens,loss\n");
        foreach (var n in new[] { 1e8, 3e8, 1e9, 3e9 })
        foreach (var f in new[] { 0.1, 0.2, 0.4, 0.6, 0.8, 1.0 })
        {
            double d = 80 * n * f;
            csv.Append(CultureInfo.InvariantCulture, $"r{n:0e0},{n:R},{d:R},{1.69 + 406.4 / Math.Pow(n, 0.34) + 410.7 / Math.Pow(d, 0.28):R}\n");
        }
        return csv.ToString();
    }

    internal static void Conforms(string output, string schemaId)
    {
        using var json = JsonDocument.Parse(output);
        Assert.Equal(schemaId, json.RootElement.GetProperty("schema").GetString());
        var errors = Schemas.Validate(json.RootElement, schemaId);
        Assert.True(errors.Count == 0, $"{schemaId}:\n{string.Join("\n", errors.Take(20))}");
    }

    private string Json(string schemaId, params string[] args)
    {
        var (code, output, error) = CliRunner.Run([.. args, "--json"]);
        Assert.True(code is 0 or 1, $"{string.Join(' ', args)}: exit {code}: {error}");
        Conforms(output, schemaId);
        return output;
    }

    [Fact]
    public void EveryCommand_JsonOutput_MatchesItsDocumentedSchema()
    {
        var runs = _dir.File("runs.csv", FitCommandTests.RunsCsv());
        var isoflop = _dir.File("isoflop.csv", IsoFlopCsv());
        var curves = _dir.File("curves.csv", CurvesCsv());
        var fit = _dir.File("fit.json");
        Json("scalelab.fit/1", "fit", runs, "--starts", "40", "--bootstrap", "6", "--profile", "--test-against", "E=1.69,alpha=0.34", "--out", fit);
        Json("scalelab.fit/1", "fit", runs, "--law", "m4", "--tokens", "tokens", "--objective", "squared-log", "--starts", "20");
        Json("scalelab.predict/1", "predict", "--fit", fit, "--params", "7e10,1e9", "--tokens", "1.4e12");
        Json("scalelab.plan/2", "plan", "--fit", fit, "--compute", "5.76e23", "--gpu-flops", "989e12", "--price-per-gpu-hour", "2");
        Json("scalelab.plan/2", "plan", "--parameters", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28", "--target-loss", "2.0", "--inference-tokens", "1e12");
        Json("scalelab.plan/2", "plan", "--law", "kaplan-frontier", "--compute", "1e22");
        Json("scalelab.compare/2", "compare", runs, "--laws", "chinchilla,m4");
        Json("scalelab.compare/2", "compare", isoflop, "--laws", "power-law-n,kaplan-n", "--holdout", "largest-params:20%", "--group-by", "group");
        Json("scalelab.plot/1", "plot", runs, "--fit", fit, "--kind", "frontier", "--out", _dir.File("frontier.svg"));
        Json("scalelab.report/1", "report", runs, "--fit", fit, "--out", _dir.File("report.html"));
        Json("scalelab.isoflop/2", "isoflop", isoflop, "--target-compute", "1e22");
        Json("scalelab.envelope/2", "envelope", curves, "--target-compute", "1e22");
        Json("scalelab.approaches/2", "approaches", isoflop, curves);
        Json("scalelab.coverage/1", "simulate-coverage", "--replicates", "2", "--resamples", "4");
        Json("scalelab.laws/1", "laws");
        Json("scalelab.laws/1", "laws", "clark-routed");
        Json("scalelab.flops/2", "flops", "--layers", "12", "--d-model", "768", "--experts", "8", "--active", "2", "--tokens", "1e10");
    }

    [Fact]
    public void FormulaLaw_FitAndPredictJson_MatchTheirSchemas()
    {
        var runs = _dir.File("runs.csv", FitCommandTests.RunsCsv());
        var fit = _dir.File("formula-fit.json");
        var law = Path.Combine(AppContext.BaseDirectory, "laws", "chinchilla-hoffmann-2022.toml");
        Json("scalelab.fit/1", "fit", runs, "--law-file", law, "--out", fit);
        Conforms(File.ReadAllText(fit), "scalelab.fit/1");
        Json("scalelab.predict/1", "predict", "--fit", fit, "--points", runs);
    }

    [Fact]
    public void GroupedCommands_JsonOutput_MatchesTheirDocumentedSchemas()
    {
        // Two sources of the same runs, the second with a tenth higher loss: --group-by source gives two groups.
        static string TwoSources(string csv)
        {
            var lines = csv.TrimEnd().Split('\n');
            var result = new StringBuilder("source," + lines[0] + "\n");
            foreach (var source in new[] { "a", "b" })
            foreach (var line in lines.Skip(1))
            {
                var cells = line.Split(',');
                if (source == "b") cells[^1] = (1.1 * double.Parse(cells[^1], CultureInfo.InvariantCulture)).ToString("R", CultureInfo.InvariantCulture);
                result.Append(source).Append(',').Append(string.Join(',', cells)).Append('\n');
            }
            return result.ToString();
        }
        var isoflop = _dir.File("isoflop2.csv", TwoSources(IsoFlopCsv()));
        var curves = _dir.File("curves2.csv", TwoSources(CurvesCsv()));
        var runs = _dir.File("runs2.csv", TwoSources(FitCommandTests.RunsCsv()));
        var fits = _dir.File("fits.json");
        Json("scalelab.fit-groups/1", "fit", runs, "--group-by", "source", "--starts", "20", "--out", fits);
        Json("scalelab.predict-groups/1", "predict", "--fit", fits, "--params", "7e10", "--tokens", "1.4e12");
        Json("scalelab.isoflop-groups/1", "isoflop", isoflop, "--group-by", "source", "--target-compute", "1e22");
        Json("scalelab.envelope-groups/1", "envelope", curves, "--group-by", "source");
        Json("scalelab.approaches-groups/1", "approaches", isoflop, curves, "--group-by", "source");
        Json("scalelab.compare/2", "compare", isoflop, "--laws", "power-law-n,kaplan-n", "--holdout", "largest-params:20%", "--group-by", "source", "--where", "C >= 1e19");
        Json("scalelab.plot/1", "plot", runs, "--group-by", "source", "--law", "chinchilla", "--out", _dir.File("groups.svg"));
        Json("scalelab.report/1", "report", runs, "--group-by", "source", "--out", _dir.File("groups.html"));
    }

    [Fact]
    public void Compare_AGroupLeftWithNothingToFit_IsBadInputNotACrash()
    {
        var (code, output, error) = CliRunner.Run("compare", _dir.File("runs.csv", FitCommandTests.RunsCsv()), "--group-by", "run", "--json");
        Assert.Equal(ScaleLab.Cli.Program.BadInput, code);
        Assert.Equal("", output);
        Assert.Contains("leaves no point to fit", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void NonFiniteNumbers_AreNamedStringsEverywhere()
    {
        // Two budgets of one size each: no parabola, so the exponents are not numbers. The one policy writes "NaN".
        var csv = _dir.File("two.csv", "group,params,compute,loss\nA,1e8,1e18,3\nB,1e9,1e19,2.8\n");
        var output = Json("scalelab.isoflop/2", "isoflop", csv);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("NaN", json.RootElement.GetProperty("a").GetString());
        Assert.DoesNotContain("null", output);
    }

    [Fact]
    public void Validator_RejectsWhatTheSchemasForbid()
    {
        // The schema check must be able to fail: version-1 names, a capitalised status, a number where a word belongs.
        using var plan1 = JsonDocument.Parse("""{"schema":"scalelab.plan/2","kind":"compute-optimal","status":"solved","law":"chinchilla","method":"m","flopConvention":"6ND","compute":1,"parameters":1,"tokens":1,"tokensPerParameter":1,"loss":2,"N_opt":1,"diagnostics":[]}""");
        Assert.Contains(Schemas.Validate(plan1.RootElement, "scalelab.plan/2"), e => e.Contains("$.N_opt"));
        using var status = JsonDocument.Parse("""{"schema":"scalelab.report/1","output":"r.html","runs":3,"fits":[{"law":"m1","status":"Converged","parameters":{"a":1},"resamples":0}]}""");
        Assert.Contains(Schemas.Validate(status.RootElement, "scalelab.report/1"), e => e.Contains("$.fits[0].status"));
        using var infinite = JsonDocument.Parse("""{"schema":"scalelab.flops/2","shape":{},"parameters":{},"flops":{},"tokens":"inf"}""");
        Assert.Contains(Schemas.Validate(infinite.RootElement, "scalelab.flops/2"), e => e.Contains("$.tokens"));
        Assert.Contains(Schemas.Validate(infinite.RootElement, "scalelab.flops/2"), e => e.Contains("'layers' is missing"));
    }

    [Fact]
    public void Schemas_AreAllDocumented()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "json.md"));
        Assert.NotEmpty(Schemas.Ids);
        foreach (var id in Schemas.Ids) Assert.Contains($"`{id}`", doc);
    }
}
