using System.Globalization;

namespace ScaleLab.Sweeps.Driving;

/// <summary>
/// The lock that keeps one live driver per identity: a file held open exclusively in the sweep's
/// runs folder. The operating system drops it with the process, however the process ends, so a
/// driver killed with SIGKILL never leaves a stale lock behind.
/// </summary>
public sealed class DriverLock : IDisposable
{
    private readonly FileStream _file;

    private DriverLock(FileStream file, string path)
    {
        _file = file;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock of <paramref name="worker"/> in <paramref name="folder"/>; null when a live driver holds it (<paramref name="holder"/> then says which, when it wrote its process id).</summary>
    public static DriverLock? TryAcquire(string folder, string? worker, out string holder)
    {
        Directory.CreateDirectory(folder);
        string path = System.IO.Path.Combine(folder, worker is null ? "driver.lock" : $"driver-{Safe(worker)}.lock");
        holder = "";
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            var text = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n";
            file.Write(System.Text.Encoding.ASCII.GetBytes(text));
            file.Flush();
            return new DriverLock(file, path);
        }
        catch (IOException)
        {
            try
            {
                using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var text = new StreamReader(reader);
                holder = text.ReadLine()?.Trim() ?? "";
            }
            catch (IOException)
            {
            }
            return null;
        }
    }

    /// <summary>True when no live driver holds the lock of <paramref name="worker"/> in <paramref name="folder"/>.</summary>
    public static bool IsFree(string folder, string? worker)
    {
        using var taken = TryAcquire(folder, worker, out _);
        return taken is not null;
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private static string Safe(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
}
