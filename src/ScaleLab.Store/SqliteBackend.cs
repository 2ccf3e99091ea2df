using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ScaleLab.Store;

/// <summary>
/// A SQLite file. Write-ahead logging lets readers go on while a driver writes; every write
/// transaction takes the file's write lock at its start (BEGIN IMMEDIATE), so concurrent writers
/// queue on the busy timeout instead of failing when a reader upgrades; NORMAL synchronisation is
/// durable across a killed process (not across power loss), which is what a study needs.
/// </summary>
internal sealed class SqliteBackend(string path) : StoreBackend
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public override string Location { get; } = path;

    protected internal override string IntegerType => "INTEGER";

    protected internal override string RealType => "REAL";

    protected internal override string InsertionOrder => "rowid";

    protected internal override DbConnection Connect()
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Location,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // A pooled connection keeps the file open after Dispose; tests and users expect to move or delete it.
            Pooling = false,
            DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
            command.ExecuteNonQuery();
            // Switching a new file to WAL takes an exclusive lock for a moment; two processes doing it at once may see SQLITE_BUSY.
            command.CommandText = "PRAGMA journal_mode = WAL";
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    command.ExecuteNonQuery();
                    break;
                }
                catch (SqliteException e) when (attempt < 50 && IsBusy(e))
                {
                    Thread.Sleep(20);
                }
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected internal override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    protected internal override DbTransaction BeginRead(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

    // BEGIN IMMEDIATE already holds the only write lock of the file.
    protected internal override void LockNames(DbConnection connection, DbTransaction transaction)
    {
    }

    /// <summary>
    /// Releases before the schema_migrations table read <c>PRAGMA user_version</c> and wrote 2 there.
    /// Version 3 only adds tables and a nullable column, so those releases can still read and write
    /// the file: it keeps saying 2, the oldest schema that can use it.
    /// </summary>
    protected internal override void MarkCompatibility(DbConnection connection, DbTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version = 2";
        command.ExecuteNonQuery();
    }

    protected internal override bool TableExists(DbConnection connection, DbTransaction transaction, string table) =>
        Count(connection, transaction, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @a", table, null) > 0;

    protected internal override bool ColumnExists(DbConnection connection, DbTransaction transaction, string table, string column) =>
        Count(connection, transaction, "SELECT COUNT(*) FROM pragma_table_info(@a) WHERE name = @b", table, column) > 0;

    protected internal override bool IsTransient(Exception error) => error is SqliteException e && IsBusy(e);

    private static bool IsBusy(SqliteException e) => e.SqliteErrorCode is SqliteBusy or SqliteLocked;

    private static long Count(DbConnection connection, DbTransaction transaction, string sql, string a, string? b)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Text("@a", a);
        if (b is not null) command.Text("@b", b);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
