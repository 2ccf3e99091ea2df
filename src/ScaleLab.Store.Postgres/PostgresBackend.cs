using System.Data;
using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace ScaleLab.Store.Postgres;

/// <summary>
/// A PostgreSQL database. Transactions run at READ COMMITTED; the statements that decide
/// (claims, result writes) are single upserts whose conditions PostgreSQL re-checks on the locked
/// row, so concurrent drivers serialise per run without table locks. Schema changes and the
/// creation of studies and sweeps take one transaction-scoped advisory lock.
/// </summary>
internal sealed class PostgresBackend : StoreBackend
{
    // Any fixed 64-bit number: the advisory lock that serialises schema and name changes in one database.
    private const long NamesLock = 0x5CA1E1AB;

    private readonly NpgsqlDataSource _source;

    public PostgresBackend(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var shown = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Password = null };
        Location = shown.ConnectionString;
        _source = NpgsqlDataSource.Create(builder);
    }

    public override string Location { get; }

    protected override string IntegerType => "BIGINT";

    protected override string RealType => "DOUBLE PRECISION";

    // Version 3 is the first a PostgreSQL store has, so there are no older rows to number.
    protected override string InsertionOrder => "NULL";

    protected override DbConnection Connect() => _source.OpenConnection();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _source.Dispose();
    }

    protected override DbTransaction BeginWrite(DbConnection connection) => ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.ReadCommitted);

    protected override DbTransaction BeginRead(DbConnection connection) => ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.RepeatableRead);

    protected override void LockNames(DbConnection connection, DbTransaction transaction)
    {
        using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("lock", NamesLock);
        command.ExecuteNonQuery();
    }

    protected override bool TableExists(DbConnection connection, DbTransaction transaction, string table) =>
        Count(connection, transaction, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @a", table, null) > 0;

    protected override bool ColumnExists(DbConnection connection, DbTransaction transaction, string table, string column) =>
        Count(connection, transaction,
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @a AND column_name = @b", table, column) > 0;

    protected override bool IsTransient(Exception error) => error switch
    {
        // 40001 serialization failure, 40P01 deadlock, 55P03 lock not available, 57P03 server starting up.
        PostgresException p => p.SqlState is "40001" or "40P01" or "55P03" or "57P03",
        NpgsqlException n => n.IsTransient,
        _ => false,
    };

    private static long Count(DbConnection connection, DbTransaction transaction, string sql, string a, string? b)
    {
        using var command = new NpgsqlCommand(sql, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("a", a);
        if (b is not null) command.Parameters.AddWithValue("b", b);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
