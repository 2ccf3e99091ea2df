using System.Data.Common;

namespace ScaleLab.Store;

/// <summary>One transaction of a <see cref="RunStore"/> call: commands bound to it, the call's time, and whether to keep what it did.</summary>
internal sealed class StoreSession(StoreBackend backend, DbConnection connection, DbTransaction transaction, DateTimeOffset now)
{
    public StoreBackend Backend { get; } = backend;

    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    /// <summary>The store clock's time when the call began; every row the call writes carries it.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>Set when the call decided to write nothing: the transaction is rolled back instead of committed.</summary>
    public bool Discard { get; set; }

    public DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    public int Execute(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteNonQuery();
    }

    public bool TableExists(string table) => Backend.TableExists(Connection, Transaction, table);

    public bool ColumnExists(string table, string column) => Backend.ColumnExists(Connection, Transaction, table, column);
}
