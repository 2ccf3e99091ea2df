using System.Globalization;
using System.Text.Json.Nodes;
using ScaleLab.Cli;
using ScaleLab.Quantities;
using ScaleLab.Store;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Cli;

/// <summary>
/// <c>--where</c> and <c>--group-by</c> through every command that reads runs, on the public datasets: the OpenAthena
/// transform pools five IsoFLOP sources that each have their own compute-optimal exponent.
/// </summary>
public sealed class GroupByTests : IDisposable
{
    private const string Transform = "isoflops-openathena/transform_isoflops.csv";
    private static readonly string[] Sources = ["epochai_chinchilla", "ml_scalefit", "llama_3", "marin_202603", "misfitting"];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Dataset(string relative)
    {
        var path = SharedData.File(relative);
        Skip.If(path is null || !File.Exists(path), SharedData.Missing);
        return path!;
    }

    private static JsonNode Json(params string[] args)
    {
        var (code, output, error) = CliRunner.Run([.. args, "--json"]);
        Assert.True(code == 0, $"exit {code}: {error}");
        return JsonNode.Parse(output)!;
    }

    // The groups of a grouped document, by name.
    private static Dictionary<string, JsonNode> Groups(JsonNode root) =>
        root["groups"]!.AsArray().ToDictionary(g => (string)g!["name"]!, g => g!);

    [SkippableFact]
    public void IsoFlop_TransformBySource_GivesEachSourceItsOwnExponent()
    {
        var path = Dataset(Transform);
        var root = Json("isoflop", path, "--group-by", "source", "--where", "outlier == \"False\"");
        Assert.Equal("scalelab.isoflop-groups/1", (string?)root["schema"]);
        Assert.Equal(750, (int)root["input"]!["rows"]!); // the rows the source's own QC kept
        var groups = Groups(root);
        Assert.Equal(Sources, groups.Keys);
        var a = groups.ToDictionary(g => g.Key, g => (double)g.Value["result"]!["a"]!);
        // Both extractions of Hoffmann et al.'s Fig. 3 give Chinchilla's a ≈ 0.5 (approach 2 published 0.49, 2022 Table 2)
        // and agree with each other; the Marin ladder allocates more to data (a clearly lower).
        Assert.InRange(a["epochai_chinchilla"], 0.49, 0.59);
        Assert.Equal(a["epochai_chinchilla"], a["ml_scalefit"], 2);
        Assert.True(a["marin_202603"] < a["epochai_chinchilla"] - 0.05, $"marin {a["marin_202603"]} vs chinchilla {a["epochai_chinchilla"]}");
        foreach (var (name, g) in groups) Assert.Equal(1.0, (double)g["result"]!["a"]! + (double)g["result"]!["b"]!, 9);

        // Pooled, the same rows give one exponent and a warning naming the columns that split them.
        var (code, _, error) = CliRunner.Run("isoflop", path, "--json");
        Assert.Equal(0, code);
        Assert.Contains("look pooled from several sources", error);
        Assert.Contains("--group-by", error);
    }

    [SkippableFact]
    public void IsoFlop_GroupedText_IsOneTableThenASectionPerGroup()
    {
        var path = Dataset(Transform);
        var (code, output, _) = CliRunner.Run("isoflop", path, "--group-by", "source", "--where", "source != \"misfitting\"");
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.StartsWith("771 rows of", lines[0]);
        Assert.Contains("in 4 groups by source", lines[0]);
        Assert.Contains("group", lines[1]);
        Assert.Contains(" a ", lines[1] + " ");
        foreach (var name in Sources[..4]) Assert.Contains($"== {name} (", output);
        Assert.DoesNotContain("misfitting (", output);
    }

    [SkippableFact]
    public void Fit_TransformBySource_IsOneDocumentOfFitsAndPredictReadsIt()
    {
        var path = Dataset(Transform);
        var saved = _dir.File("fits.json");
        var root = Json("fit", path, "--group-by", "source", "--where", "outlier == \"False\" and source != \"misfitting\"", "--out", saved);
        Assert.Equal("scalelab.fit-groups/1", (string?)root["schema"]);
        var groups = Groups(root);
        Assert.Equal(Sources[..4], groups.Keys);
        foreach (var (name, g) in groups)
        {
            Assert.Equal("scalelab.fit/1", (string?)g["result"]!["schema"]);
            double alpha = (double)g["result"]!["parameters"]!["alpha"]!;
            Assert.InRange(alpha, 0.05, 2.0);
        }
        var predicted = Json("predict", "--fit", saved, "--params", "7e10", "--tokens", "1.4e12");
        Assert.Equal("scalelab.predict-groups/1", (string?)predicted["schema"]);
        Assert.Equal(4, predicted["groups"]!.AsArray().Count);
    }

    [SkippableFact]
    public void Approaches_TransformBySource_ComparesApproachesTwoAndThreePerSource()
    {
        var path = Dataset(Transform);
        var root = Json("approaches", path, "--group-by", "source", "--where", "outlier == \"False\" and (source == \"epochai_chinchilla\" or source == \"llama_3\")");
        Assert.Equal("scalelab.approaches-groups/1", (string?)root["schema"]);
        var groups = Groups(root);
        Assert.Equal(["epochai_chinchilla", "llama_3"], groups.Keys);
        foreach (var g in groups.Values)
        {
            var approaches = g["result"]!["approaches"]!.AsArray();
            Assert.Equal(2, approaches.Count);
            Assert.All(approaches, e => Assert.InRange((double)e!["a"]!, 0.2, 0.8));
        }
        // Approach 2 of each group is what isoflop gives for that group alone.
        var alone = Json("isoflop", path, "--where", "outlier == \"False\" and source == \"llama_3\"");
        Assert.Equal((double)alone["a"]!, (double)groups["llama_3"]["result"]!["approaches"]![0]!["a"]!, 12);

        var (code, _, error) = CliRunner.Run("approaches", path, "--group-by", "source", "--fit", path);
        Assert.Equal(Program.BadInput, code);
        Assert.Contains("--fit with --group-by", error);
    }

    [SkippableFact]
    public void Envelope_MisfittingByLearningRate_OneEnvelopePerRate()
    {
        var path = Dataset("misfitting/scaling_results.csv");
        var root = Json("envelope", path, "--run-by", "model,peak_lr,total_steps", "--group-by", "peak_lr", "--where", "peak_lr == 0.001 or peak_lr == 0.002");
        Assert.Equal("scalelab.envelope-groups/1", (string?)root["schema"]);
        var groups = Groups(root);
        Assert.Equal(["0.002", "0.001"], groups.Keys);
        foreach (var g in groups.Values)
        {
            Assert.InRange((double)g["result"]!["a"]!, 0.2, 0.8);
            Assert.True((int)g["result"]!["runs"]! > 20);
        }
        int total = groups.Values.Sum(g => (int)g["rows"]!);
        Assert.Equal(1523 + 1561, total);
    }

    [SkippableFact]
    public void Compare_WhereAndGroupBy_RankPerSource()
    {
        var path = Dataset(Transform);
        var root = Json("compare", path, "--laws", "power-law-n,kaplan-n", "--holdout", "largest-compute:20%", "--group-by", "source",
            "--where", "outlier == \"False\" and (source == \"llama_3\" or source == \"misfitting\")");
        Assert.Equal(["source"], root["groupBy"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(["llama_3", "misfitting"], root["comparisons"]!.AsArray().Select(c => (string)c!["group"]!));
    }

    [SkippableFact]
    public void Plot_TransformBySource_DrawsOneSeriesAndOneFitPerGroup()
    {
        var path = Dataset(Transform);
        var svg = _dir.File("groups.svg");
        var root = Json("plot", path, "--group-by", "source", "--where", "outlier == \"False\" and source != \"misfitting\"", "--law", "chinchilla", "--out", svg);
        Assert.Equal(["source"], root["groupBy"]!.AsArray().Select(c => (string)c!));
        var series = root["plot"]!["series"]!.AsArray();
        var points = series.Where(s => (string)s!["kind"]! == "points").ToArray();
        var lines = series.Where(s => (string)s!["kind"]! == "line").ToArray();
        Assert.Equal(Sources[..4], points.Select(p => (string)p!["label"]!));
        Assert.Equal(4, lines.Length);
        Assert.Equal(644, points.Sum(p => p!["x"]!.AsArray().Count));
        Assert.True(new FileInfo(svg).Length > 1000);

        var (code, _, error) = CliRunner.Run("plot", path, "--group-by", "source", "--kind", "frontier", "--law", "chinchilla", "--out", _dir.File("f.svg"));
        Assert.Equal(Program.BadInput, code);
        Assert.Contains("grouped plots are", error);
        Assert.False(File.Exists(_dir.File("f.svg")));
    }

    [SkippableFact]
    public void Report_TransformBySource_HasASectionPerGroupWithItsOwnFit()
    {
        var path = Dataset(Transform);
        var html = _dir.File("groups.html");
        var root = Json("report", path, "--group-by", "source", "--where", "outlier == \"False\" and (source == \"llama_3\" or source == \"marin_202603\")", "--out", html);
        var groups = root["groups"]!.AsArray();
        Assert.Equal(["llama_3", "marin_202603"], groups.Select(g => (string)g!["name"]!));
        Assert.All(groups, g => Assert.Equal("converged", (string?)g!["fits"]![0]!["status"]));
        var page = File.ReadAllText(html);
        Assert.Contains("<h2>Group: llama_3</h2>", page);
        Assert.Contains("id=\"group-1-fit-0\"", page);
        // Every id once: the groups' sections do not repeat the ids of one another.
        var ids = System.Text.RegularExpressions.Regex.Matches(page, "<section id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        // The groups' alphas differ: the file pools two sources that a single fit would blend.
        double a0 = (double)groups[0]!["fits"]![0]!["parameters"]!["alpha"]!, a1 = (double)groups[1]!["fits"]![0]!["parameters"]!["alpha"]!;
        Assert.NotEqual(a0, a1, 2);
    }

    // Two regimes of one study with clearly different exponents (0.05 and 0.2 in C), interleaved as a sweep stores them.
    private string MixedStore()
    {
        var path = _dir.File("mixed.db");
        using var store = RunStore.Open(path, TimeProvider.System);
        store.EnsureStudy("mixed", 1, "two regimes");
        var t = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        for (int k = 0; k < 8; k++)
        foreach (var (regime, exponent) in new[] { ("wide", 0.05), ("deep", 0.2) })
        {
            double n = 1e6 * Math.Pow(2, k), d = 20 * n, c = 6 * n * d;
            store.Save(new RunRecord
            {
                Study = "mixed", Key = $"{regime}-{k}".PadRight(64, '0'), Kind = "toy", Group = regime, Specification = "{}", Seed = k,
                Status = RunStatus.Finished, WallSeconds = 1, Created = t,
                Outcome = new RunOutcome
                {
                    Parameters = ParameterCount.Of(n), ParameterCounting = "total", Tokens = TokenCount.Of(d), Compute = Flops.Of(c), ComputeCounting = RunOutcome.SixND,
                    HeldOut = new Dictionary<string, double> { ["loss"] = 30 * Math.Pow(c, -exponent) },
                    Train = new Dictionary<string, double>(),
                },
            });
        }
        return path;
    }

    [Fact]
    public void RunsExport_OfAStudyMixingRegimes_WarnsAndSelectsAndGroups()
    {
        var store = MixedStore();
        var (code, output, error) = CliRunner.Run("runs", "export", "--store", store, "--study", "mixed");
        Assert.Equal(0, code);
        Assert.Equal(17, output.Trim().Split('\n').Length);
        Assert.Contains("look pooled from several sources", error);
        Assert.Contains("--group-by group", error);

        (code, output, error) = CliRunner.Run("runs", "export", "--store", store, "--study", "mixed", "--where", "group == \"deep\" and N >= 4e6");
        Assert.Equal(0, code);
        var lines = output.Trim().Split('\n');
        Assert.Equal(1 + 6, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Contains(",deep,", l));
        Assert.Contains("kept 6 of 16 rows", error);

        (code, output, _) = CliRunner.Run("runs", "export", "--store", store, "--study", "mixed", "--group-by", "group");
        Assert.Equal(0, code);
        var groups = output.Trim().Split('\n').Skip(1).Select(l => l.Contains(",wide,", StringComparison.Ordinal) ? "wide" : "deep").ToArray();
        Assert.Equal([.. Enumerable.Repeat("wide", 8), .. Enumerable.Repeat("deep", 8)], groups);

        // The export fitted per group gives back each regime's exponent.
        var csv = _dir.File("mixed.csv", output);
        var fit = Json("fit", csv, "--law", "kaplan-c", "--group-by", "group");
        var alphas = fit["groups"]!.AsArray().ToDictionary(g => (string)g!["name"]!, g => (double)g!["result"]!["parameters"]!["alpha_C"]!);
        Assert.Equal(0.05, alphas["wide"], 6);
        Assert.Equal(0.2, alphas["deep"], 6);

        var file = _dir.File("never.csv");
        (code, output, error) = CliRunner.Run("runs", "export", "--store", store, "--study", "mixed", "--where", "grup == \"deep\"", "--output", file);
        Assert.Equal(Program.BadInput, code);
        Assert.Contains("grup", error);
        Assert.False(File.Exists(file));
    }

    [SkippableFact]
    public void Suggest_TransformBySource_DesignsTheNextRunsOfEachSourceApart()
    {
        var path = Dataset(Transform);
        var root = Json("suggest", path, "--group-by", "source", "--where", "outlier == \"False\" and (source == \"epochai_chinchilla\" or source == \"llama_3\")",
            "--law", "chinchilla", "--grid", "isoflop", "--budgets", "1e21,3e21", "--target-compute", "1e24", "--quantity", "N_opt", "--k", "2", "--starts", "8");
        Assert.Equal("scalelab.suggest-groups/1", (string?)root["schema"]);
        var groups = Groups(root);
        Assert.Equal(["epochai_chinchilla", "llama_3"], groups.Keys);
        foreach (var g in groups.Values)
        {
            Assert.Equal(2, g["result"]!["selected"]!.AsArray().Count);
            Assert.Equal((int)g["rows"]!, (int)g["result"]!["runCount"]!);
        }
        using var doc = System.Text.Json.JsonDocument.Parse(root.ToJsonString());
        Assert.Empty(SuggestCommandTests.Schemas.Validate(doc.RootElement, "scalelab.suggest-groups/1"));
    }

    [Fact]
    public void GroupBy_AMisspeltColumn_IsOneLineErrorNamingTheColumns()
    {
        var csv = _dir.File("runs.csv", "source,params,compute,loss\na,1e8,1e18,3\n");
        var (code, output, error) = CliRunner.Run("isoflop", csv, "--group-by", "sorce");
        Assert.Equal(Program.BadInput, code);
        Assert.Equal("", output);
        Assert.Contains("sorce", error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
