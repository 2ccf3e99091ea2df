namespace ScaleLab.Studies.Execution.Slurm;

/// <summary>A Slurm command failed or could not be run; the message says which and what it printed.</summary>
public sealed class SlurmException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SlurmException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
