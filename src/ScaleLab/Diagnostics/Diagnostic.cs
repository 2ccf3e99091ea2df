namespace ScaleLab.Diagnostics;

/// <summary>One finding attached to a result: a stable machine-readable code plus a sentence for people.</summary>
/// <param name="Severity">Info, warning or error.</param>
/// <param name="Code">Stable kebab-case identifier, e.g. <c>parameter-at-bound</c>.</param>
/// <param name="Message">What was found, with the numbers that show it.</param>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Message)
{
    /// <summary>An informational diagnostic.</summary>
    public static Diagnostic Info(string code, string message) => new(DiagnosticSeverity.Info, code, message);

    /// <summary>A warning diagnostic.</summary>
    public static Diagnostic Warning(string code, string message) => new(DiagnosticSeverity.Warning, code, message);

    /// <summary>An error diagnostic.</summary>
    public static Diagnostic Error(string code, string message) => new(DiagnosticSeverity.Error, code, message);

    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()} [{Code}] {Message}";
}
