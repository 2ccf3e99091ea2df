using ScaleLab.Diagnostics;

namespace ScaleLab.Serialization;

/// <summary>A diagnostic in a <see cref="FitDocument"/>.</summary>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>error</c>.</param>
/// <param name="Code">Stable kebab-case code.</param>
/// <param name="Message">The sentence for people.</param>
public sealed record DiagnosticEntry(string Severity, string Code, string Message)
{
    /// <summary>The entry for a diagnostic.</summary>
    public static DiagnosticEntry From(Diagnostic diagnostic) =>
        new(diagnostic.Severity.ToString().ToLowerInvariant(), diagnostic.Code, diagnostic.Message);
}
