using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Serialization;
using ScaleLab.Tests.Data;
using ScaleLab.Uncertainty;

namespace ScaleLab.Tests.Serialization;

public class FitDocumentTests
{
    private static (FitResult Fit, ObservationSet Data) SmallFit()
    {
        var (fitted, data) = ScaleLab.Tests.Fitting.FittedLawTests.SmallFit();
        return (fitted.Result, data);
    }

    [Theory]
    // docs/science.md V8 (Hoffmann et al. 2022 eq. 10, rounded): G = 1.34471, a = 0.451613, b = 0.548387.
    [InlineData(406.4, 410.7, 0.34, 0.28, 1.34471, 0.451613)]
    // docs/science.md V9 (TeX parameters): G = 1.30039, a = 0.456497.
    [InlineData(406.4, 410.7, 0.3392, 0.2849, 1.30039, 0.456497)]
    // docs/science.md V10 (Besiroglu et al. 2024 refit): G = 0.119628, a = 0.512612.
    [InlineData(482.01, 2085.43, 0.3478, 0.3658, 0.119628, 0.512612)]
    public void DerivedQuantities_Chinchilla_MatchPublishedFrontier(double bigA, double bigB, double alpha, double beta, double g, double a)
    {
        var derived = DerivedQuantities.Of(ChinchillaLaw.Instance, new Dictionary<string, double> { ["E"] = 1.69, ["A"] = bigA, ["B"] = bigB, ["alpha"] = alpha, ["beta"] = beta });
        Assert.Equal(g, derived["G"], g * 1e-4); // docs/science.md states rel 1e-3; 1e-4 still holds
        Assert.Equal(a, derived["a"], 1e-6);
        Assert.Equal(1 - a, derived["b"], 1e-6);
    }

    [Fact]
    public void ToJsonThenParse_RoundTripsEveryNumberExactly()
    {
        var (fit, data) = SmallFit();
        var document = FitDocument.From(fit, data);
        var back = FitDocument.Parse(document.ToJson(), "fit.json");
        Assert.Equal(FitDocument.SchemaId, back.Schema);
        Assert.Equal("chinchilla", back.Law);
        foreach (var (name, value) in fit.Parameters) Assert.Equal(value, back.Parameters[name]);
        Assert.Equal(["E", "A", "B", "alpha", "beta"], back.Parameters.Keys);
        Assert.Equal(document.Derived, back.Derived);
        Assert.Equal(fit.Objective, back.Objective.Value);
        Assert.Equal(1e-3, back.Objective.Delta);
        Assert.Null(back.Objective.NegativeWeight);
        Assert.Equal(fit.GradientNorm, back.GradientNorm);
        Assert.Equal(15, back.Input.Rows);
        Assert.Equal(["parameters", "tokens", "compute"], back.Input.Variables);
        Assert.Equal(data.Observations.Max(o => o.Compute.Value), back.Input.Ranges["compute"].Max);
        Assert.Equal(1.69, back.Options.Fixed["E"]);
        Assert.DoesNotContain("E", back.FreeParameters);
        Assert.Contains(back.Diagnostics, d => d.Code == "synthetic-data" && d.Severity == "info");
        Assert.Equal(document.Status, back.Status);
    }

    [Fact]
    public void ToJson_WritesWhatTheSerializerWrites()
    {
        var (fit, data) = SmallFit();
        var document = FitDocument.From(fit, data);
        Assert.Equal(Serialized(document), document.ToJson());

        // Every optional part present, numbers the serializer names, text the relaxed encoder keeps or escapes.
        var full = document with
        {
            Reference = "Hoffmann et al. 2022 <eq. 2> & \"notes\"\tβ",
            Derived = new Dictionary<string, double> { ["a"] = double.NaN, ["G"] = double.PositiveInfinity, ["N_opt"] = double.NegativeInfinity, ["tiny"] = 5e-324, ["neg"] = -0.0 },
            Intervals = new Dictionary<string, Interval> { ["alpha"] = new(0.3, 0.4, 0.8, "percentile") { Samples = 40 }, ["G"] = new(double.NegativeInfinity, double.NaN, 0.8, "bca") },
            ProfileIntervals = new Dictionary<string, Interval> { ["beta"] = new(0.2, 0.3, 0.9, "profile") },
            BestStart = 17,
            Objective = new ObjectiveEntry("asymmetric-log", 12.5, null, 10),
            FreeParameters = ["A", "B"],
            Diagnostics = [new DiagnosticEntry("warning", "x-y", "ünïcode + <html> ' \" \\ \u0001"), new DiagnosticEntry("info", "z", "", "analysis")],
            Input = document.Input with { Path = "/tmp/my runs/€.csv", Ranges = new Dictionary<string, RangeEntry> { ["compute"] = new(1e18, 1e22) } },
            Options = new OptionsEntry
            {
                Fixed = new Dictionary<string, double> { ["E"] = 1.69 },
                Ties = [["alpha", "beta"], []],
                Bounds = new Dictionary<string, BoundEntry> { ["alpha"] = new(0, double.PositiveInfinity) },
                MaxStarts = 40,
                MaxIterations = 100,
                CustomStarts = true,
            },
            Bootstrap = new BootstrapEntry
            {
                Resamples = 3, Failed = 1, Seed = -5, ClusterBy = "group", Clusters = 7, FailedResamples = [2], Samples = [[1.0, 2.5e-300], [double.NaN, 3]],
                LogResiduals = [0.01, -2e-3, double.PositiveInfinity],
            },
            LikelihoodRatio = new LikelihoodRatioEntry(new Dictionary<string, double> { ["E"] = 1.69, ["alpha"] = 0.34 }, 4.2, 2, 0.12, 10.5, 12.6, "huber"),
            Analysis = new AnalysisEntry
            {
                Level = 0.9, Interval = "bca", Budget = 5.76e23, Profile = true,
                Profiles = [new ProfileEntry { Parameter = "beta", Estimate = 0.25, Interval = new(0.2, double.PositiveInfinity, 0.9, "profile"), FlatUpper = true, SearchedLower = 0.1, SearchedUpper = 3, Points = [[0.1, 4.5], [0.25, 0]] }],
            },
        };
        Assert.Equal(Serialized(full), full.ToJson());

        // Null properties are left out, as the serializer leaves them out.
        var sparse = full with
        {
            Reference = null, ProfileIntervals = null, BestStart = null, Bootstrap = full.Bootstrap! with { ClusterBy = null, Clusters = null, FailedResamples = null },
            LikelihoodRatio = null, Analysis = full.Analysis! with { Budget = null, Profiles = null },
        };
        Assert.Equal(Serialized(sparse), sparse.ToJson());
    }

    private static string Serialized(FitDocument document) =>
        System.Text.Json.JsonSerializer.Serialize(document, FitDocumentJsonContext.Readable.FitDocument);

    [Fact]
    public void ToJson_UnderCommaDecimalCulture_WritesInvariantNumbers()
    {
        var (fit, data) = SmallFit();
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = ObservationReaderTests.CommaCulture();
            var json = FitDocument.From(fit, data).ToJson();
            Assert.Contains("\"delta\": 0.001", json);
            Assert.Equal(fit.Parameters["alpha"], FitDocument.Parse(json, "x").Parameters["alpha"]);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void SaveThenLoad_PredictsAsTheFitInMemory()
    {
        var (fit, data) = SmallFit();
        var dir = Directory.CreateTempSubdirectory("scalelab-doc-");
        try
        {
            var path = Path.Combine(dir.FullName, "fit.json");
            File.WriteAllText(path, "old content");
            FitDocument.From(fit, data).Save(path);
            Assert.Equal(["fit.json"], dir.GetFiles().Select(f => f.Name));
            var loaded = FitDocument.Load(path);
            var point = ScalePoints.Create(ChinchillaLaw.Instance, 70e9, 1.4e12, null);
            Assert.Equal(fit.Predict(ScalingData.From([point])), loaded.ToFittedLaw().Predict([point]).Points[0].Value);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Theory]
    [InlineData("{\"schema\": \"scalelab.fit/2\", \"law\": \"chinchilla\"}", "schema \"scalelab.fit/2\" is not supported (expected \"scalelab.fit/1\")")]
    [InlineData("{\"law\": \"chinchilla\"}", "no \"schema\" property")]
    [InlineData("[1, 2]", "no \"schema\" property")]
    [InlineData("{\"schema\": \"scalelab.fit/1\", ", "not a valid fit document")]
    [InlineData("{\"schema\": \"scalelab.fit/1\"}", "not a valid fit document")]
    public void Parse_WrongDocument_FailsClearly(string json, string reason)
    {
        var ex = Assert.Throws<InputDataException>(() => FitDocument.Parse(json, "fit.json"));
        Assert.StartsWith("fit.json", ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var ex = Assert.Throws<InputDataException>(() => FitDocument.Load("/nonexistent/fit.json"));
        Assert.Equal("/nonexistent/fit.json: file not found", ex.Message);
    }

    [Fact]
    public void Extrapolation_WarnsBeyondTenTimesTheFittedRange()
    {
        var (fit, data) = SmallFit();
        var document = FitDocument.From(fit, data);
        double maxN = document.Input.Ranges["parameters"].Max, minD = document.Input.Ranges["tokens"].Min;
        var law = ChinchillaLaw.Instance;
        var inside = ScalePoints.Create(law, 9 * maxN, minD, null);
        var far = ScalePoints.Create(law, 20 * maxN, minD / 50, null);
        var fitted = document.ToFittedLaw();
        Assert.Empty(fitted.Predict([inside]).Diagnostics);
        var warnings = fitted.Predict([inside, far]).Diagnostics;
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal("extrapolation", w.Code));
        Assert.Contains("point 2: parameters N", warnings[0].Message);
        Assert.Contains("20 times the largest fitted", warnings[0].Message);
        Assert.Contains("50 times below the smallest fitted", warnings[1].Message);
    }
}
