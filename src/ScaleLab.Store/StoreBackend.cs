using System.Data.Common;

namespace ScaleLab.Store;

/// <summary>
/// The database under a <see cref="RunStore"/>: how to connect, the column types of the one schema,
/// how transactions start, and which errors are worth trying again. SQLite (the default, a file) and
/// PostgreSQL (a team server, in ScaleLab.Store.Postgres) are the two implementations; every query
/// is written once, in the SQL both understand, and lives in <see cref="RunStore"/>, which owns
/// the back end it is opened on and disposes it.
/// </summary>
public abstract class StoreBackend : IDisposable
{
    /// <summary>Where the store is, for messages: a file path, or the server and database (never a password).</summary>
    public abstract string Location { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the back end holds beyond its connections (a connection pool); the <see cref="RunStore"/> that uses it calls this.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Opens a new connection, ready for use.</summary>
    protected internal abstract DbConnection Connect();

    /// <summary>The column type of 64-bit integers.</summary>
    protected internal abstract string IntegerType { get; }

    /// <summary>The column type of double-precision numbers.</summary>
    protected internal abstract string RealType { get; }

    /// <summary>
    /// An expression numbering the rows of <c>runs</c> in the order they were written, used once to
    /// fill the insertion-order column of stores made before it existed.
    /// </summary>
    protected internal abstract string InsertionOrder { get; }

    /// <summary>
    /// Starts a transaction that writes. It must make concurrent writers wait for each other rather
    /// than fail late (SQLite takes the write lock at once).
    /// </summary>
    protected internal abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Starts a transaction that only reads and sees one consistent snapshot.</summary>
    protected internal abstract DbTransaction BeginRead(DbConnection connection);

    /// <summary>
    /// Serialises, until <paramref name="transaction"/> ends, the writes that must see each other
    /// whole across every process: schema migrations and the creation of studies and sweeps.
    /// </summary>
    protected internal abstract void LockNames(DbConnection connection, DbTransaction transaction);

    /// <summary>
    /// Records, after a migration, what older ScaleLab releases need to see to keep using the store;
    /// nothing by default.
    /// </summary>
    protected internal virtual void MarkCompatibility(DbConnection connection, DbTransaction transaction)
    {
    }

    /// <summary>Whether table <paramref name="table"/> exists.</summary>
    protected internal abstract bool TableExists(DbConnection connection, DbTransaction transaction, string table);

    /// <summary>Whether table <paramref name="table"/> has column <paramref name="column"/>.</summary>
    protected internal abstract bool ColumnExists(DbConnection connection, DbTransaction transaction, string table, string column);

    /// <summary>
    /// Whether <paramref name="error"/> ended a transaction that succeeds when tried again: a busy
    /// database, a serialisation failure or deadlock, a dropped connection.
    /// </summary>
    protected internal abstract bool IsTransient(Exception error);
}
