namespace ScaleLab.Studies.Execution;

/// <summary>The run's log file, appended to by both output streams, with the last lines kept for error messages.</summary>
internal sealed class RunLog : IDisposable
{
    private const int MaxQuoted = 240;
    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;
    private readonly Queue<string> _tail = new();
    private readonly int _keep;
    private bool _closed;

    public RunLog(string path, int keep)
    {
        _keep = keep;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)) { AutoFlush = true };
    }

    public void Line(string line)
    {
        lock (_gate)
        {
            // A grandchild that outlived the run may still write after the attempt is over.
            if (_closed) return;
            _writer.WriteLine(line);
            if (line.StartsWith('#') || line.Length == 0) return;
            _tail.Enqueue(line);
            while (_tail.Count > _keep) _tail.Dequeue();
        }
    }

    public IReadOnlyList<string> Tail()
    {
        lock (_gate)
        {
            return [.. _tail.Select(Quote)];
        }
    }

    // A log line goes into a one-line error: no control characters, and no screenful from one line.
    public static string Quote(string line)
    {
        var clean = new string([.. line.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return clean.Length <= MaxQuoted ? clean : clean[..MaxQuoted] + "…";
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _writer.Dispose();
        }
    }
}
