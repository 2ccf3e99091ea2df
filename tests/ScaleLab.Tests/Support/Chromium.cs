using System.Diagnostics;

namespace ScaleLab.Tests.Support;

/// <summary>Headless Chromium for report tests: found on PATH, run with a throw-away profile and no network.</summary>
public static class Chromium
{
    /// <summary>Path of the browser, or null when none is installed (CI installs Debian's chromium).</summary>
    public static string? Path { get; } = Find();

    /// <summary>Message used by skipping tests.</summary>
    public const string Missing = "chromium is not installed (apt-get install chromium); browser test skipped";

    private static string? Find()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
        foreach (var dir in dirs)
        {
            var candidate = System.IO.Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Runs the browser headless on <paramref name="url"/> with extra arguments and returns its stdout.
    /// Host resolution is mapped to nothing so no request can leave the machine, whatever the page asks.
    /// </summary>
    public static string Run(string url, string profileDir, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(Missing))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
            "--host-resolver-rules=MAP * ~NOTFOUND", $"--user-data-dir={profileDir}",
        }) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.ArgumentList.Add(url);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish: {stderr.Result}");
        }
        return stdout.Result;
    }
}
