using ScaleLab.Store;

namespace ScaleLab.Studies.Execution;

/// <summary>How every executor reads the end of an attempt: an exit code in words with its retry verdict, and the result document of a clean exit.</summary>
internal static class AttemptResults
{
    /// <summary>The failure of a process that exited with the non-zero <paramref name="code"/>.</summary>
    public static AttemptFailure Exited(int code, RetryPolicy retry, IReadOnlyList<string> tail) => new()
    {
        Reason = ProcessExit.Describe(code), Retryable = retry.IsRetryable(code), ExitCode = code, LogTail = tail,
    };

    /// <summary>
    /// The result of an attempt that exited 0: the document at <paramref name="resultPath"/> or the
    /// last JSON line printed, as <paramref name="source"/> allows. A clean exit without a readable
    /// result is a failure that another attempt would repeat.
    /// </summary>
    public static (RunOutcome? Outcome, AttemptFailure? Failure) Read(string resultPath, string? lastJson, ResultSource source, ResultDefaults? planned,
        Func<IReadOnlyList<string>> tail)
    {
        string? text = source != ResultSource.Output && File.Exists(resultPath) ? File.ReadAllText(resultPath)
            : source != ResultSource.File ? lastJson : null;
        if (text is null)
        {
            string reason = source switch
            {
                ResultSource.File => $"exit code 0 but no result: no result file at {resultPath}",
                ResultSource.Output => "exit code 0 but no result: no JSON line on standard output",
                _ => "exit code 0 but no result: no result file and no JSON line on standard output",
            };
            return (null, new AttemptFailure { Reason = reason, Retryable = false, ExitCode = 0, LogTail = tail() });
        }
        try
        {
            return (ResultDocument.Parse(text, planned), null);
        }
        catch (InvalidDataException e)
        {
            return (null, new AttemptFailure { Reason = $"exit code 0 but {e.Message}", Retryable = false, ExitCode = 0, LogTail = tail() });
        }
    }

    /// <summary>The error of a run whose last attempt failed: the reason, the attempts before it, the log and its tail.</summary>
    public static string Error(AttemptFailure failure, int count, int max, IReadOnlyList<string> earlier, string logPath)
    {
        string tried = count <= 1 ? "" : $" (attempt {count} of {max}; before: {string.Join("; ", earlier)})";
        string tail = failure.LogTail.Count == 0 ? "" : ": " + string.Join(" | ", failure.LogTail);
        return $"{failure.Reason}{tried}; log {logPath}{tail}";
    }
}
