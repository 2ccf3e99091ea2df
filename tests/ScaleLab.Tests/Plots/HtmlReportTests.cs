using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Plots.Model;
using ScaleLab.Plots.Reports;
using ScaleLab.Tests.Support;
using SkiaSharp;

namespace ScaleLab.Tests.Plots;

/// <summary>The Epoch extraction of Hoffmann et al. Fig. 4 (240 rows), fitted once and reported, shared by the report tests.</summary>
public sealed class EpochReportFixture : IDisposable
{
    public EpochReportFixture()
    {
        var path = SharedData.File("epoch-chinchilla/svg_extracted_data.csv");
        if (path is null) return;
        Data = ObservationReader.Read(path).DropHighest(5);
        Fitted = FittedLaw.Fit(ChinchillaLaw.Instance, Data);
        Fit = Fitted.Result;
        Dir = Directory.CreateTempSubdirectory("scalelab-report-").FullName;
        Html = HtmlReport.Render(new ReportContent { Data = Data, Fits = [new ReportFit(Fitted)], TargetCompute = 5.76e23 });
        ReportPath = System.IO.Path.Combine(Dir, "report.html");
        File.WriteAllText(ReportPath, Html);
    }

    public ObservationSet? Data { get; }
    public FittedLaw? Fitted { get; }
    public FitResult? Fit { get; }
    public string? Html { get; }
    public string? Dir { get; }
    public string? ReportPath { get; }

    public void Dispose()
    {
        if (Dir is not null) Directory.Delete(Dir, recursive: true);
    }
}

public sealed class HtmlReportTests(EpochReportFixture report) : IClassFixture<EpochReportFixture>
{
    /// <summary>Any http(s) URL in a src, href, xlink:href or CSS url() — what would make the browser fetch.</summary>
    internal static readonly Regex ExternalReference = new(
        @"(?:\b(?:src|href|xlink:href|srcset|action|poster|data)\s*=\s*[""']?\s*(?:https?:)?//)|(?:url\(\s*[""']?\s*(?:https?:)?//)|(?:@import)",
        RegexOptions.IgnoreCase | RegexOptions.Compiled);

    [Fact]
    public void ExternalReference_CatchesTheUsualForms()
    {
        Assert.Matches(ExternalReference, "<img src=\"https://example.com/x.png\">");
        Assert.Matches(ExternalReference, "<div style=\"background:url('http://example.org/bg.png')\">");
        Assert.Matches(ExternalReference, "<link href=//cdn.example.com/a.css>");
        Assert.DoesNotMatch(ExternalReference, "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"#data\">");
    }

    [SkippableFact]
    public void Report_IsSelfContained()
    {
        Skip.If(report.Html is null, SharedData.Missing);
        var html = report.Html!;
        Assert.DoesNotMatch(ExternalReference, html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        // The plots are inline SVG: loss against N, D, C, three residual plots, the frontier and IsoFLOP profiles.
        Assert.Equal(8, Regex.Matches(html, "<svg ").Count);
    }

    [SkippableFact]
    public void Report_ShowsTheFittedNumbersCultureInvariant()
    {
        Skip.If(report.Html is null, SharedData.Missing);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // A decimal-comma culture (as de-DE; built by hand because the build is globalization-invariant)
            // must not change the page: the library formats invariantly.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            var html = HtmlReport.Render(new ReportContent { Data = report.Data!, Fits = [new ReportFit(report.Fitted!)], TargetCompute = 5.76e23 });
            Assert.Equal(report.Html, html);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
        foreach (var (name, value) in report.Fit!.Parameters)
        {
            Assert.Contains($"<td>{name}</td><td class=\"num\">{value.ToString("G6", CultureInfo.InvariantCulture)}</td>", report.Html, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public void Report_RendersInHeadlessChromiumWithoutNetwork()
    {
        Skip.If(report.Html is null, SharedData.Missing);
        Skip.If(Chromium.Path is null, Chromium.Missing);
        var url = new Uri(report.ReportPath!).AbsoluteUri;
        var netLog = System.IO.Path.Combine(report.Dir!, "net.json");
        var dom = Chromium.Run(url, System.IO.Path.Combine(report.Dir!, "profile-dom"), [$"--log-net-log={netLog}", "--dump-dom"]);

        // The main numbers are in the page text: runs, the fitted exponents (Besiroglu et al. 2024 refit of
        // these 240 rows: alpha 0.3478, beta 0.3658, docs/science.md V10) and the status.
        var text = Regex.Replace(dom, "<[^>]+>", " ");
        Assert.Contains("240 runs", text, StringComparison.Ordinal);
        var p = report.Fit!.Parameters;
        Assert.InRange(p["alpha"], 0.3478 - 0.005, 0.3478 + 0.005);
        foreach (var name in new[] { "E", "A", "B", "alpha", "beta" }) Assert.Contains(p[name].ToString("G6", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains("converged", text, StringComparison.Ordinal);

        // No request made on the page's behalf (initiator: the page's opaque file origin) went to the network.
        // The browser's own service requests (initiator "not an origin") are not the page's doing.
        Assert.Empty(PageRequests(netLog));

        var shot = System.IO.Path.Combine(report.Dir!, "shot.png");
        Chromium.Run(url, System.IO.Path.Combine(report.Dir!, "profile-shot"), [$"--screenshot={shot}", "--window-size=1280,2400"]);
        using var bitmap = SKBitmap.Decode(shot);
        Assert.NotNull(bitmap);
        Assert.Equal(1280, bitmap.Width);
        Assert.InRange(PlotRendererTests.InkFraction(bitmap), 0.03, 0.9);
    }

    [SkippableFact]
    public void PageRequests_SeesAnExternalImage()
    {
        // The network check must be able to fail: a page with a remote image and a CSS url() is caught.
        Skip.If(Chromium.Path is null, Chromium.Missing);
        var dir = Directory.CreateTempSubdirectory("scalelab-netlog-").FullName;
        try
        {
            var page = System.IO.Path.Combine(dir, "bad.html");
            File.WriteAllText(page, "<html><body><img src=\"https://example.com/x.png\"><div style=\"background:url(http://example.org/bg.png)\">x</div></body></html>");
            var netLog = System.IO.Path.Combine(dir, "net.json");
            Chromium.Run(new Uri(page).AbsoluteUri, System.IO.Path.Combine(dir, "profile"), [$"--log-net-log={netLog}", "--dump-dom"]);
            Assert.Equal(["http://example.org/bg.png", "https://example.com/x.png"], PageRequests(netLog).Order(StringComparer.Ordinal).ToArray());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>http(s) URLs the page asked for, from a Chromium net log (URL_REQUEST_START_JOB events whose initiator is a page origin).</summary>
    internal static IReadOnlyList<string> PageRequests(string netLogPath)
    {
        var json = File.ReadAllText(netLogPath).TrimEnd();
        // A browser killed before exit leaves the event list open; close it as the net-log viewer does.
        if (!json.EndsWith('}')) json = json.TrimEnd(',') + "]}";
        using var doc = JsonDocument.Parse(json);
        var types = doc.RootElement.GetProperty("constants").GetProperty("logEventTypes");
        int startJob = types.GetProperty("URL_REQUEST_START_JOB").GetInt32();
        var result = new List<string>();
        foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
        {
            if (e.GetProperty("type").GetInt32() != startJob || !e.TryGetProperty("params", out var ps)) continue;
            if (!ps.TryGetProperty("url", out var u)) continue;
            var url = u.GetString() ?? "";
            var initiator = ps.TryGetProperty("initiator", out var i) ? i.GetString() : null;
            if (initiator == "not an origin") continue;
            if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) result.Add(url);
        }
        return result.Distinct().ToArray();
    }
}
