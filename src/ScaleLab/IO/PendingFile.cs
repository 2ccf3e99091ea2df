namespace ScaleLab.IO;

/// <summary>
/// A file written to its temporary name by <see cref="AtomicFile.Prepare"/> and not yet put in place:
/// <see cref="Commit"/> renames it over the target; disposing it uncommitted removes it and leaves the target as it was.
/// </summary>
public sealed class PendingFile : IDisposable
{
    private readonly string _full;
    private readonly string _temporary;
    private bool _done;

    internal PendingFile(string path, string full, string temporary)
    {
        Path = path;
        _full = full;
        _temporary = temporary;
    }

    /// <summary>The path the user gave.</summary>
    public string Path { get; }

    /// <summary>Replaces the target with the written content in one step.</summary>
    /// <exception cref="IOException">The rename failed; the message names <see cref="Path"/>, and the target is as it was.</exception>
    public void Commit()
    {
        if (_done) throw new InvalidOperationException("the file was already committed or discarded");
        try
        {
            File.Move(_temporary, _full, overwrite: true);
            _done = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw AtomicFile.Named(Path, _temporary, ex);
        }
    }

    /// <summary>Removes the temporary file unless it was committed.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        AtomicFile.TryDelete(_temporary);
    }
}
