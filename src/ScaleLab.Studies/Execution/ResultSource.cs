namespace ScaleLab.Studies.Execution;

/// <summary>Where an attempt's result document is read from.</summary>
public enum ResultSource
{
    /// <summary>The result file when the command wrote one, else the last JSON line of standard output.</summary>
    FileOrOutput,

    /// <summary>Only the result file (the command's <c>{out}</c>).</summary>
    File,

    /// <summary>Only the last JSON line of standard output.</summary>
    Output,
}
