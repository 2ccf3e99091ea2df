using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ScaleLab.Tests.Store;

/// <summary>
/// A real PostgreSQL server for the test collection: initdb in a temp folder, pg_ctl start on a
/// free local port, each test in its own new database, pg_ctl stop and the folder removed at the
/// end. PostgreSQL refuses to run as root, so as root the server runs as the <c>postgres</c> user.
/// When the binaries are missing, <see cref="Unavailable"/> says why and the tests skip.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string? _binaries;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"scalelab-pg-{Guid.NewGuid():N}");
    private int _databases;

    public PostgresServer()
    {
        _binaries = FindBinaries();
        if (_binaries is null)
        {
            Unavailable = "PostgreSQL binaries (initdb, pg_ctl) not found on PATH, in /usr/lib/postgresql/*/bin or in SCALELAB_PG_BIN";
            return;
        }
        bool root = Environment.UserName == "root";
        if (root && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            Unavailable = "running as root without runuser: PostgreSQL refuses to run as root";
            return;
        }
        try
        {
            Directory.CreateDirectory(_root);
            if (root) Run("chown", ["postgres", _root], asPostgres: false);
            string data = Path.Combine(_root, "data");
            Run(Tool("initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], root);
            Port = FreePort();
            // fsync off: the tests kill clients, never the server, and the disk is shared by every build on the machine.
            Run(Tool("pg_ctl"), ["-D", data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
                "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"], root);
            Started = true;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            Unavailable = $"PostgreSQL did not start: {e.Message}";
        }
    }

    /// <summary>Why there is no server, or null when it runs.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>Whether the server was started (and is stopped on dispose).</summary>
    public bool Started { get; }

    /// <summary>The server's TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>A connection string of a new, empty database on the server.</summary>
    public string NewDatabase()
    {
        Skip.If(Unavailable is not null, Unavailable);
        string name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..20];
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false;Timeout=30;Command Timeout=60";

    public void Dispose()
    {
        if (Started)
        {
            try
            {
                Run(Tool("pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], Environment.UserName == "root");
            }
            catch (InvalidOperationException)
            {
                // Already gone; the folder is removed below either way.
            }
        }
        try
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Tool(string name) => Path.Combine(_binaries!, name);

    private static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("SCALELAB_PG_BIN") is { Length: > 0 } given) candidates.Add(given);
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")));
        }
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} timed out");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited {process.ExitCode}: {error.Result.Trim()} {output.Result.Trim()}".Trim());
        }
    }
}
