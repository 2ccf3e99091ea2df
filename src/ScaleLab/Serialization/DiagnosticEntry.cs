using ScaleLab.Diagnostics;

namespace ScaleLab.Serialization;

/// <summary>A diagnostic in a <see cref="FitDocument"/>.</summary>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>error</c>.</param>
/// <param name="Code">Stable kebab-case code.</param>
/// <param name="Message">The sentence for people.</param>
/// <param name="Stage">
/// Which step found it: <c>data</c> (reading the runs), <c>fit</c> or <c>analysis</c>; null in documents written
/// before stages were recorded, which are read as <c>fit</c>.
/// </param>
public sealed record DiagnosticEntry(string Severity, string Code, string Message, string? Stage = null)
{
    /// <summary>The entry for a diagnostic found at <paramref name="stage"/>.</summary>
    public static DiagnosticEntry From(Diagnostic diagnostic, string? stage = null) =>
        new(diagnostic.Severity.ToString().ToLowerInvariant(), diagnostic.Code, diagnostic.Message, stage);

    /// <summary>The diagnostic this entry records (an unknown severity reads as info).</summary>
    public Diagnostic ToDiagnostic() =>
        new(Enum.TryParse<DiagnosticSeverity>(Severity, ignoreCase: true, out var severity) ? severity : DiagnosticSeverity.Info, Code, Message);
}
