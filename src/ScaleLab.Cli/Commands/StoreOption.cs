using System.CommandLine;
using System.Data.Common;
using ScaleLab.Store;
using ScaleLab.Store.Postgres;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// The <c>--store</c> option of every command that reads or writes runs, and the one way the CLI
/// opens a store: a SQLite file path, or a PostgreSQL connection string (see <see cref="StoreLocation"/>).
/// </summary>
internal static class StoreOption
{
    public const string Help = "the store: a SQLite file, or a PostgreSQL connection string such as 'Host=db;Database=scaling;Username=me'";

    /// <summary>A <c>--store</c> option defaulting to <see cref="RunStore.DefaultPath"/>.</summary>
    public static Option<string> Create() => new("--store") { Description = Help, DefaultValueFactory = _ => RunStore.DefaultPath };

    /// <summary>
    /// Opens the store at <paramref name="location"/>. When it cannot be opened (no such file with
    /// <paramref name="mustExist"/>, a malformed connection string, a server that cannot be reached,
    /// a file that is not a store, a newer schema) writes one line to <paramref name="error"/> and returns false.
    /// </summary>
    public static bool TryOpen(string location, bool mustExist, TextWriter error, out RunStore store)
    {
        store = null!;
        if (string.IsNullOrWhiteSpace(location))
        {
            error.WriteLine("error: --store must name a file or a PostgreSQL connection string");
            return false;
        }
        string shown = Shown(location);
        try
        {
            store = StoreLocation.Open(location, TimeProvider.System, mustExist);
            return true;
        }
        catch (FileNotFoundException)
        {
            error.WriteLine($"error: {shown}: no such store (run a study first, or pass --store)");
        }
        catch (Exception e) when (e is ArgumentException or DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: store {shown}: {e.Message.ReplaceLineEndings(" ")}");
        }
        return false;
    }

    /// <summary>The location for messages: a connection string loses its password; a malformed one is shown as given.</summary>
    public static string Shown(string location)
    {
        try
        {
            return StoreLocation.Describe(location);
        }
        catch (ArgumentException)
        {
            return location;
        }
    }
}
