using System.Data;
using System.Data.Common;

namespace ScaleLab.Store;

/// <summary>
/// Typed parameters for the store's commands. The type is always given, so a null reaches both
/// databases as a typed null (PostgreSQL cannot infer the type of an untyped null in an expression).
/// </summary>
internal static class CommandParameters
{
    public static DbCommand Text(this DbCommand command, string name, string? value) => command.With(name, value, DbType.String);

    public static DbCommand Integer(this DbCommand command, string name, long? value) => command.With(name, value, DbType.Int64);

    public static DbCommand Real(this DbCommand command, string name, double? value) => command.With(name, value, DbType.Double);

    private static DbCommand With(this DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
