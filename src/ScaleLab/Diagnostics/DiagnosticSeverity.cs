namespace ScaleLab.Diagnostics;

/// <summary>How much a diagnostic should worry the reader.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Something the user should know, not a problem (e.g. a column derived as C = 6ND).</summary>
    Info,

    /// <summary>The result stands but may not support the conclusion drawn from it.</summary>
    Warning,

    /// <summary>The result should not be used.</summary>
    Error,
}
