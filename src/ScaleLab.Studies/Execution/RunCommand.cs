namespace ScaleLab.Studies.Execution;

/// <summary>One process to start for a run: the program, its arguments (passed as they are, no shell), where and with what environment.</summary>
/// <param name="FileName">The program: a path, or a name looked up on PATH.</param>
/// <param name="Arguments">Its arguments, each passed as one argument.</param>
public sealed record RunCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Working directory; null = the run's directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set (or, with a null value, removed) in the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The command as one line for logs and messages (arguments with spaces quoted).</summary>
    public override string ToString() =>
        string.Join(' ', Arguments.Prepend(FileName).Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) || a.Contains('"') ? $"\"{a.Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : a));
}
