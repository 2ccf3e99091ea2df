using System.Globalization;
using System.Text.Json.Nodes;
using ScaleLab.Store;
using ScaleLab.Tests.Cli;
using ScaleLab.Tests.Store;
using ScaleLab.Tests.Support;
using Xunit.Abstractions;

namespace ScaleLab.Tests.Sweeps;

/// <summary>
/// The same sweep run into SQLite and into a real PostgreSQL server (<c>--store 'Host=…'</c>): the
/// stored results are identical, and status and fit read the PostgreSQL store as they read a file.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSweepTests(PostgresServer server, ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly StoreBackends _backends = new(server);

    public void Dispose()
    {
        _backends.Dispose();
        _dir.Dispose();
    }

    [SkippableFact]
    public void ASweepIntoPostgreSql_StoresWhatTheSameSweepStoresInSqlite()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        var postgres = _backends.NewLocation("postgres");
        string sqlite = _dir.File("s.db");
        var results = new List<string>();
        foreach (var location in new[] { sqlite, postgres })
        {
            string folder = Directory.CreateDirectory(Path.Combine(_dir.Path, results.Count.ToString(CultureInfo.InvariantCulture))).FullName;
            var sweep = new SweepScripts(folder, sleepSeconds: 0);
            var (code, output, error) = SweepScripts.Cli("sweep", "run", sweep.SweepFile, "--store", location);
            log.WriteLine(output + error);
            Assert.Equal(0, code);
            using var store = StoreBackends.Open(location, TimeProvider.System);
            results.Add(string.Join("\n", store.Runs("toy").OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Key} {r.Status} {r.Outcome!.Parameters.Value:R} {r.Outcome.Tokens!.Value.Value:R} {r.Outcome.HeldOut["loss"]:R} {string.Join(",", r.Tags.Select(t => t.Key + "=" + t.Value))}"))));
            Assert.Equal(SweepScripts.Runs, store.FinishedKeys("toy").Count);
        }
        Assert.Equal(results[0], results[1]);

        var (status, json, problem) = SweepScripts.Cli("sweep", "status", Path.Combine(_dir.Path, "1", "sweep.toml"), "--store", postgres, "--json");
        Assert.True(status == 0, problem);
        Assert.Equal(SweepScripts.Runs, (int)JsonNode.Parse(json)!["runs"]!["finished"]!);
        (status, json, problem) = SweepScripts.Cli("fit", "--store", postgres, "--sweep", "toy", "--json");
        Assert.True(status == 0, problem);
        Assert.Equal(0.28, (double)JsonNode.Parse(json)!["parameters"]!["beta"]!, 3);
    }
}
