using System.Diagnostics;
using System.Globalization;
using ScaleLab.Quantities;
using ScaleLab.Store;
using ScaleLab.Store.Postgres;

// Concurrent drivers sharing one store, as sweep drivers do: each is its own process with its own
// connection, walks the same grid in its own order, claims a run, and stores its result (a 10-point
// learning curve and two tags) with the claim. The parent checks that every result is stored once.
//   bench store:  ScaleLab.Bench.Store run LOCATION [drivers] [results]
//   one driver:   ScaleLab.Bench.Store drive LOCATION DRIVER RESULTS
const string Sweep = "bench";
var lease = TimeSpan.FromMinutes(10);

if (args is ["drive", var location, var driverText, var resultsText])
{
    int driver = int.Parse(driverText, CultureInfo.InvariantCulture), results = int.Parse(resultsText, CultureInfo.InvariantCulture);
    using var store = StoreLocation.Open(location, TimeProvider.System);
    // CPU spent before the first claim (runtime start-up, compiling the store and driver code) is reported apart.
    double startup = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    int claimed = 0, stored = 0, already = 0;
    // A driver-specific stride through the grid: the drivers collide on most runs at first.
    int stride = new[] { 1, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43 }[driver % 12];
    for (int i = 0; i < results; i++)
    {
        string key = $"run{(i * stride + driver * 131) % results:D5}";
        var claim = store.TryClaim(Sweep, key, $"driver-{driver}:{Environment.ProcessId}", lease);
        if (claim.Status != ClaimStatus.Claimed) continue;
        claimed++;
        var write = store.Save(Result(key, driver), Curve(key), claim.Claim);
        if (write == RunWrite.Stored) stored++;
        else already++;
    }
    var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{claimed} {stored} {already} {cpu:F3} {startup:F3}"));
    return 0;
}
if (args is ["run", var where, ..])
{
    int drivers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
    int results = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1000;
    using (var setup = StoreLocation.Open(where, TimeProvider.System)) setup.EnsureSweep(Sweep, "bench sweep");
    var self = Environment.ProcessPath!;
    var dll = typeof(Program).Assembly.Location;
    var watch = Stopwatch.StartNew();
    var children = Enumerable.Range(0, drivers).Select(d =>
    {
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(dll);
        foreach (var a in new[] { "drive", where, $"{d}", $"{results}" }) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }).ToArray();
    var reports = children.Select(c =>
    {
        var line = c.StandardOutput.ReadToEnd().Trim();
        c.WaitForExit();
        if (c.ExitCode != 0) throw new InvalidOperationException($"a driver exited {c.ExitCode}");
        var f = line.Split(' ');
        return (Claimed: int.Parse(f[0], CultureInfo.InvariantCulture), Stored: int.Parse(f[1], CultureInfo.InvariantCulture),
            Already: int.Parse(f[2], CultureInfo.InvariantCulture), Cpu: double.Parse(f[3], CultureInfo.InvariantCulture),
            Startup: double.Parse(f[4], CultureInfo.InvariantCulture));
    }).ToArray();
    double wall = watch.Elapsed.TotalSeconds;

    using var check = StoreLocation.Open(where, TimeProvider.System);
    var runs = check.Runs(Sweep);
    var attempts = check.Attempts(Sweep);
    int distinct = runs.Select(r => r.Key).Distinct().Count();
    bool complete = runs.Count == results && distinct == results && runs.All(r => r.Status == RunStatus.Finished)
        && attempts.Count == results && attempts.All(a => a.State == AttemptState.Finished)
        && reports.Sum(r => r.Stored) == results && reports.Sum(r => r.Already) == 0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{check.Path}: {drivers} drivers, {runs.Count} results stored ({distinct} distinct, {reports.Sum(r => r.Stored)} writes, {reports.Sum(r => r.Already)} duplicates), " +
        $"{attempts.Count} attempts; wall {wall:F2} s, {results / wall:F0} results/s; driver CPU {reports.Sum(r => r.Cpu):F2} s ({reports.Sum(r => r.Startup):F2} s of it start-up) " +
        $"(per driver {string.Join(" ", reports.Select(r => r.Claimed))} runs) — {(complete ? "none lost or duplicated" : "MISMATCH")}"));
    return complete ? 0 : 1;
}
Console.Error.WriteLine("usage: ScaleLab.Bench.Store run LOCATION [drivers] [results] | drive LOCATION DRIVER RESULTS");
return 2;

static RunRecord Result(string key, int driver) => new()
{
    Study = Sweep, Key = key, Kind = "bench", Specification = $"{{\"key\":\"{key}\"}}", Seed = 1, Status = RunStatus.Finished,
    WallSeconds = 0.01, Created = DateTimeOffset.UtcNow,
    Tags = new RunTags([KeyValuePair.Create("lr", "3e-4"), KeyValuePair.Create("driver", $"{driver}")]),
    Outcome = new RunOutcome
    {
        Parameters = ParameterCount.Of(1e6), ParameterCounting = "total", Tokens = TokenCount.Of(2e7), Compute = Flops.Of(1.2e14),
        ComputeCounting = RunOutcome.SixND, HeldOut = new Dictionary<string, double> { ["loss"] = 3.1 },
    },
};

static IReadOnlyList<CurvePoint> Curve(string key) =>
    [.. Enumerable.Range(1, 10).Select(i => new CurvePoint(i * 100, i * 2e6, new Dictionary<string, double> { ["loss"] = 5.0 / i }))];
