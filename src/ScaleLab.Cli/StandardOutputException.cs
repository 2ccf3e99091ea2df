namespace ScaleLab.Cli;

/// <summary>Writing to standard output failed (see <see cref="GuardedOutput"/>); the inner exception says why.</summary>
internal sealed class StandardOutputException(IOException inner)
    : IOException($"cannot write to standard output: {inner.Message}", inner);
