using ScaleLab.Store;
using ScaleLab.Store.Postgres;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Store;

/// <summary>
/// Where a store test keeps its store: a new SQLite file, or a new database on the shared
/// PostgreSQL server. <see cref="Open"/> gives each caller its own connection to the same store.
/// </summary>
public sealed class StoreBackends : IDisposable
{
    private readonly List<TempFile> _files = [];
    private readonly PostgresServer? _server;

    public StoreBackends(PostgresServer? server) => _server = server;

    /// <summary>A location (file path or connection string) of a new, empty store on <paramref name="backend"/>.</summary>
    public string NewLocation(string backend)
    {
        switch (backend)
        {
            case "sqlite":
                var file = new TempFile(".db");
                _files.Add(file);
                return file.Path;
            case "postgres":
                Skip.If(_server is null, "no PostgreSQL server fixture");
                return _server!.NewDatabase();
            default:
                throw new ArgumentOutOfRangeException(nameof(backend), backend, "sqlite or postgres");
        }
    }

    /// <summary>A new connection to the store at <paramref name="location"/>.</summary>
    public static RunStore Open(string location, TimeProvider clock) => StoreLocation.Open(location, clock);

    public void Dispose()
    {
        foreach (var f in _files) f.Dispose();
    }
}
