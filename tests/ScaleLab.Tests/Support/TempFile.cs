namespace ScaleLab.Tests.Support;

/// <summary>A unique path in the temp folder, deleted (with SQLite's side files) on dispose.</summary>
public sealed class TempFile : IDisposable
{
    public TempFile(string extension) =>
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"scalelab-test-{Guid.NewGuid():N}{extension}");

    public string Path { get; }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try { File.Delete(Path + suffix); } catch (IOException) { }
        }
    }
}
