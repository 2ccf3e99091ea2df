using System.Data;
using System.Data.Common;

namespace ScaleLab.Store;

/// <summary>
/// The store of studies, sweeps and their runs, on SQLite (a file, the default) or PostgreSQL (a
/// team server, through ScaleLab.Store.Postgres). Every call is one transaction, retried when the
/// database is busy, so a process killed at any moment leaves each run either whole or absent.
/// Several processes may share a store; within one process calls are serialised on one connection
/// (writes take milliseconds against runs of seconds). docs/store.md describes the schema, the
/// claims and the guarantees.
/// </summary>
public sealed partial class RunStore : IDisposable
{
    /// <summary>The file used when none is given: <c>scalelab.db</c> in the working directory.</summary>
    public const string DefaultPath = "scalelab.db";

    /// <summary>The schema version this code reads and writes (docs/store.md lists the migrations).</summary>
    public const int SchemaVersion = StoreSchema.Latest;

    private const int MaxTries = 12;

    private readonly StoreBackend _backend;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DbConnection? _connection;
    private bool _disposed;
    private bool _connectedOnce;

    private RunStore(StoreBackend backend, TimeProvider time)
    {
        _backend = backend;
        _time = time;
    }

    /// <summary>The database file, or the PostgreSQL server and database (never the password).</summary>
    public string Path => _backend.Location;

    /// <summary>Opens (creating if needed) the SQLite store at <paramref name="path"/>; <paramref name="time"/> stamps studies, claims and attempts.</summary>
    public static RunStore Open(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Open(new SqliteBackend(path), time);
    }

    /// <summary>
    /// Opens the store in <paramref name="backend"/>, creating or migrating its schema to
    /// <see cref="SchemaVersion"/>; safe when several processes open a new store at once. The store
    /// owns <paramref name="backend"/> from then on, and disposes it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store has a newer schema than this code.</exception>
    public static RunStore Open(StoreBackend backend, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(time);
        var store = new RunStore(backend, time);
        try
        {
            if (store.Read(StoreSchema.Version) != StoreSchema.Latest) store.Write(StoreSchema.Migrate);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _connection?.Dispose();
            _connection = null;
            _backend.Dispose();
        }
    }

    private T Read<T>(Func<StoreSession, T> work) => Execute(work, write: false);

    private T Write<T>(Func<StoreSession, T> work) => Execute(work, write: true);

    private void Write(Action<StoreSession> work) => Execute(s =>
    {
        work(s);
        return 0;
    }, write: true);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it (or rolls it back when the work
    /// set <see cref="StoreSession.Discard"/>). A busy database, a serialisation failure or a dropped
    /// connection rolls back and tries the whole transaction again, with growing pauses (about 20 s in all).
    /// </summary>
    private T Execute<T>(Func<StoreSession, T> work, bool write)
    {
        lock (_gate)
        {
            for (int attempt = 1; ; attempt++)
            {
                DbTransaction? transaction = null;
                try
                {
                    var connection = Connection();
                    transaction = write ? _backend.BeginWrite(connection) : _backend.BeginRead(connection);
                    var session = new StoreSession(_backend, connection, transaction, _time.GetUtcNow());
                    var result = work(session);
                    if (session.Discard) transaction.Rollback();
                    else transaction.Commit();
                    return result;
                }
                // A store that could never be reached is reported at once: retries are for a database that went away.
                catch (Exception e) when (attempt < MaxTries && _connectedOnce && _backend.IsTransient(e))
                {
                    Abandon(transaction);
                    Thread.Sleep(Math.Min(10 << Math.Min(attempt, 10), 4000));
                }
                catch
                {
                    Abandon(transaction);
                    throw;
                }
                finally
                {
                    transaction?.Dispose();
                }
            }
        }
    }

    private DbConnection Connection()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is { State: ConnectionState.Open }) return _connection;
        // A connection the server dropped is replaced; the transaction on it was lost whole.
        _connection?.Dispose();
        _connection = _backend.Connect();
        _connectedOnce = true;
        return _connection;
    }

    private void Abandon(DbTransaction? transaction)
    {
        try
        {
            if (transaction?.Connection is not null) transaction.Rollback();
        }
        catch (DbException)
        {
            // The connection is gone with the transaction on it; the next try opens a new one.
            _connection?.Dispose();
            _connection = null;
        }
        catch (InvalidOperationException)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }
}
