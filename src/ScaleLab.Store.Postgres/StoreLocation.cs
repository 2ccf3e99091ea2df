using System.Data.Common;
using Npgsql;

namespace ScaleLab.Store.Postgres;

/// <summary>
/// The one place that turns a <c>--store</c> value into a store: a PostgreSQL connection string
/// (<c>Host=…;Database=…;Username=…</c>) opens the server's database, anything else is a SQLite file.
/// </summary>
public static class StoreLocation
{
    /// <summary>Whether <paramref name="location"/> is a PostgreSQL connection string: <c>key=value</c> pairs separated by <c>;</c>, one of them <c>Host</c> (or <c>Server</c>).</summary>
    public static bool IsConnectionString(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.Contains('=', StringComparison.Ordinal)) return false;
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = location };
            return builder.ContainsKey("Host") || builder.ContainsKey("Server");
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Where <paramref name="location"/> points, for messages (a connection string without its password).</summary>
    public static string Describe(string location) =>
        IsConnectionString(location) ? new NpgsqlConnectionStringBuilder(location) { Password = null }.ConnectionString : location;

    /// <summary>
    /// Opens the store at <paramref name="location"/>, creating or migrating its schema. With
    /// <paramref name="mustExist"/>, a SQLite file that does not exist is an error rather than a new store.
    /// </summary>
    /// <exception cref="FileNotFoundException">The SQLite file does not exist and <paramref name="mustExist"/> is set.</exception>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    /// <exception cref="DbException">The database cannot be reached or read.</exception>
    public static RunStore Open(string location, TimeProvider time, bool mustExist = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (IsConnectionString(location)) return RunStore.Open(new PostgresBackend(location), time);
        if (mustExist && !File.Exists(location)) throw new FileNotFoundException($"{location}: no such store", location);
        return RunStore.Open(location, time);
    }
}
