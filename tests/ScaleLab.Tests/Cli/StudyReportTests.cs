using System.Net;
using System.Text.RegularExpressions;
using ScaleLab.Cli.Commands;
using ScaleLab.Experiments.Plans;
using ScaleLab.Store;
using ScaleLab.Studies;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Cli;

public sealed class StudyReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A store holding the toy study (seven sizes, two draws each) executed with the managed stand-in trainer.</summary>
    private static (string Db, StudyPlan Plan) ToyStore(TempDirectory dir)
    {
        var db = dir.File("runs.db");
        var clock = new ManualClock(T0);
        var plan = ToyTrainer.Plan("toy", 4, [16, 32, 64, 128, 256, 512, 1024], draws: 2);
        using var store = RunStore.Open(db, clock);
        new StudyRunner(store, clock, 1).Run(plan, (run, _) => ToyTrainer.Train((ToySpec)run.Specification));
        return (db, plan);
    }

    [Fact]
    public void ReportFromStore_ShowsTheStudyItsRegimesAndTheMeasuredExponents()
    {
        using var dir = new TempDirectory();
        var (db, plan) = ToyStore(dir);
        var output = dir.File("study.html");

        var (code, stdout, stderr) = CliRunner.Run("report", "--store", db, "--study", "toy", "--out", output, "--resamples", "50");

        Assert.True(code == 0, stderr);
        Assert.Contains("study toy", stdout);
        var html = WebUtility.HtmlDecode(File.ReadAllText(output));
        using (var store = RunStore.Open(db, TimeProvider.System))
        {
            var fit = Assert.Single(RegimeAnalysis.FitAll(plan, store, resamples: 50));
            Assert.Contains($"<td class=\"num\">{StudyConsole.Number(fit.Alpha)}</td>", html);
            Assert.Contains($"[{StudyConsole.Number(fit.Lower)}, {StudyConsole.Number(fit.Upper)}]", html);
        }
        Assert.Contains("<h1>Scaling study: toy</h1>", html);
        Assert.Contains("Study toy (seed 4", html);
        Assert.Contains("14 run(s) finished, 0 failed", html);
        Assert.Contains("<td>toy, data</td>", html);
        Assert.Contains("<h2>Runs</h2>", html);
        // One regime plot; no data, fit, plan or IsoFLOP sections without a data file.
        Assert.Single(Regex.Matches(html, "<svg "));
        Assert.DoesNotContain("id=\"data\"", html);
        Assert.DoesNotContain("id=\"isoflop\"", html);
        Assert.DoesNotMatch(Plots.HtmlReportTests.ExternalReference, html);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));

        var (jsonCode, json, _) = CliRunner.Run("report", "--store", db, "--study", "toy", "--out", output, "--resamples", "50", "--json");
        Assert.Equal(0, jsonCode);
        var summary = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.Equal("scalelab.report/1", (string?)summary["schema"]);
        Assert.Equal(14, (int)summary["runs"]!);
        Assert.Equal("toy, data", (string?)summary["regimes"]![0]!["name"]);
        Assert.InRange((double)summary["regimes"]![0]!["alpha"]!, ToyTrainer.Exponent - 0.03, ToyTrainer.Exponent + 0.03);
    }

    [SkippableFact]
    public void ReportFromStore_RendersInHeadlessChromiumWithoutNetwork()
    {
        Skip.If(Chromium.Path is null, Chromium.Missing);
        using var dir = new TempDirectory();
        var (db, _) = ToyStore(dir);
        var output = dir.File("study.html");
        Assert.Equal(0, CliRunner.Run("report", "--store", db, "--study", "toy", "--out", output, "--resamples", "50").Code);

        var netLog = dir.File("net.json");
        var dom = Chromium.Run(new Uri(output).AbsoluteUri, dir.File("profile"), [$"--log-net-log={netLog}", "--dump-dom"]);

        var text = WebUtility.HtmlDecode(Regex.Replace(dom, "<[^>]+>", " "));
        Assert.Contains("toy, data", text);
        Assert.Contains("14 run(s) finished", text);
        Assert.Contains("measured slope", text);
        Assert.Empty(Plots.HtmlReportTests.PageRequests(netLog));
    }

    [Fact]
    public void ReportFromStore_OfAStudyWithoutStoredRegimes_SaysSoAndStillListsItsRuns()
    {
        using var dir = new TempDirectory();
        var db = dir.File("runs.db");
        var plan = ToyTrainer.Plan("bare", 1, [16, 32]);
        using (var store = RunStore.Open(db, new ManualClock(T0)))
        {
            // Runs stored directly, as by a version that kept no regime definitions.
            ToyTrainer.StoreFinished(store, plan, T0);
        }
        var output = dir.File("bare.html");

        var (code, _, stderr) = CliRunner.Run("report", "--store", db, "--study", "bare", "--out", output, "--title", "Old study");

        Assert.True(code == 0, stderr);
        var html = File.ReadAllText(output);
        Assert.Contains("<h1>Old study</h1>", html);
        Assert.Contains("no regime definitions", html);
        Assert.Contains("<td>data</td><td>toy</td><td class=\"num\">2</td><td class=\"num\">0</td>", html);
    }

    public static TheoryData<string[], string> BadCalls => new()
    {
        { ["report", "data.csv", "--store", "STORE", "--study", "toy"], "not both" },
        { ["report"], "give a data FILE, or --store" },
        { ["report", "--store", "STORE", "--study", "nope"], "study 'nope' is not in" },
        { ["report", "--store", "STORE"], "--store needs --study NAME (stored: toy)" },
        { ["report", "--store", "missing.db", "--study", "toy"], "no such store" },
        { ["report", "--store", "STORE", "--study", "toy", "--law", "kaplan"], "apply to a data FILE" },
        { ["report", "--store", "STORE", "--study", "toy", "--resamples", "-1"], "--resamples" },
        { ["report", "data.csv", "--study", "toy"], "--study needs --store" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public void ReportFromStore_BadCalls_ExitTwoAndWriteNothing(string[] args, string message)
    {
        using var dir = new TempDirectory();
        var (db, _) = ToyStore(dir);
        dir.File("data.csv", "N,D,loss\n1e6,2e7,3.1\n2e6,4e7,2.9\n4e6,8e7,2.7\n");
        var output = dir.File("out.html");
        var resolved = args.Select(a => a switch
        {
            "STORE" => db,
            "data.csv" or "missing.db" => dir.File(a),
            _ => a,
        }).Concat(["--out", output]).ToArray();

        var (code, _, stderr) = CliRunner.Run(resolved);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.False(File.Exists(output));
        if (message.StartsWith("study 'nope'", StringComparison.Ordinal)) Assert.Contains("(stored: toy)", stderr);
    }

    [Fact]
    public void StudyCommand_WritesReportNextToItsStore_OrWhereToldOrNowhere()
    {
        using var dir = new TempDirectory();
        var db = dir.File("scalelab.db");
        // Every run of the demo already in the store: the command only refits (no training).
        var plan = DemoStudy.Plan("demo-report", 1);
        using (var store = RunStore.Open(db, new ManualClock(T0))) ToyTrainer.StoreFinished(store, plan, T0);

        var (code, _, stderr) = CliRunner.Run("demo", "--store", db, "--study", "demo-report", "--seed", "1", "--workers", "1", "--resamples", "20");

        Assert.True(code == 0, stderr);
        var report = Path.Combine(dir.Path, "report.html");
        var html = WebUtility.HtmlDecode(File.ReadAllText(report));
        foreach (var regime in plan.Regimes) Assert.Contains($"<td>{regime.Name}</td>", html);
        Assert.Equal(plan.Regimes.Count, Regex.Matches(html, "<svg ").Count);
        // The demo's checked extrapolation is in the report too.
        Assert.Contains("Checked prediction", html);
        Assert.Contains("exact (Bahri et al. eq. 1)", html);
        // The regimes were stored with the study, so the report can be made again from the store alone.
        using (var store = RunStore.Open(db, TimeProvider.System)) Assert.NotNull(StoredRegimes.Load(store.FindStudy("demo-report")!));

        var elsewhere = dir.File("elsewhere.html");
        File.Delete(report);
        Assert.Equal(0, CliRunner.Run("demo", "--store", db, "--study", "demo-report", "--workers", "1", "--resamples", "0", "--report", elsewhere).Code);
        Assert.True(File.Exists(elsewhere));
        Assert.False(File.Exists(report));

        Assert.Equal(0, CliRunner.Run("demo", "--store", db, "--study", "demo-report", "--workers", "1", "--resamples", "0", "--no-report").Code);
        Assert.False(File.Exists(report));

        // With --json the path is in the document.
        var (jsonCode, text, _) = CliRunner.Run("demo", "--store", db, "--study", "demo-report", "--workers", "1", "--resamples", "0", "--json");
        Assert.Equal(0, jsonCode);
        var body = text[text.IndexOf('{', StringComparison.Ordinal)..];
        Serialization.JsonSchemaTests.Conforms(body, "scalelab.study/1");
        var document = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        Assert.Equal(report, (string?)document["report"]);
        Assert.True(File.Exists(report));

        Assert.Equal(2, CliRunner.Run("demo", "--store", db, "--study", "demo-report", "--report", elsewhere, "--no-report").Code);
    }

    [Fact]
    public void TheDemo_DefinesEverySymbol_AndSaysWhyEachExponentOutsideItsIntervalIsThere_CitingNothingOutsideTheRepository()
    {
        using var dir = new TempDirectory();
        var db = dir.File("scalelab.db");
        var plan = DemoStudy.Plan("demo-explained", 1);
        // Every regime measures 0.5: the resolution-limited random-feature ones agree, the others miss.
        using (var store = RunStore.Open(db, new ManualClock(T0))) ToyTrainer.StoreFinished(store, plan, T0);

        var (code, stdout, stderr) = CliRunner.Run("demo", "--store", db, "--study", "demo-explained", "--resamples", "50", "--no-report");

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n').Select(l => l.TrimEnd()).ToArray();
        var symbols = lines.SkipWhile(l => l != "symbols:").Skip(1).TakeWhile(l => Regex.IsMatch(l, @"^  \S+ {2,}\S")).ToArray();
        Assert.Equal(["S", "P", "D", "N", "alpha_K", "d", "width"], symbols.Select(l => l.Trim().Split(' ')[0]));
        foreach (var regime in plan.Regimes)
        {
            var row = Assert.Single(lines, l => l.StartsWith(regime.Name + "  ", StringComparison.Ordinal));
            var explained = lines.Where(l => l.StartsWith($"  {regime.Name}: alpha = ", StringComparison.Ordinal)).ToArray();
            Assert.Equal(row.EndsWith(" no", StringComparison.Ordinal) ? 1 : 0, explained.Length);
        }
        Assert.Contains(lines, l => l.StartsWith("  variance-limited, data (D ≫ P = 20): alpha = 0.5 lies below 1, which finite sizes do not explain: they steepen the slope to 1.046", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  resolution-limited, data (d = 4, width 64): alpha = 0.5 lies below 4/d = 1; no finite-size effect is known", StringComparison.Ordinal));
        Assert.DoesNotContain(".md §", stdout);
        Assert.DoesNotContain("SCIENCE", stdout);
    }

    [Fact]
    public void StudyWhoseRunsAllFailed_WritesNoReport()
    {
        using var dir = new TempDirectory();
        var db = dir.File("scalelab.db");
        var report = dir.File("report.html");
        // The study trainer knows no toy runs: every run fails, at once.
        var plan = ToyTrainer.Plan("failing", 1, [16, 32]);

        int code = StudyConsole.Execute(plan, new StudySettings { StorePath = db, Workers = 1, Resamples = 0, Json = true, ReportPath = report },
            TextWriter.Null, TextWriter.Null);

        Assert.Equal(1, code);
        Assert.False(File.Exists(report));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }
}
