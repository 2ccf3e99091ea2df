namespace ScaleLab.Store;

/// <summary>How a stored run ended. Runs that were cancelled are not stored at all.</summary>
public enum RunStatus
{
    /// <summary>The trainer returned measurements.</summary>
    Finished,

    /// <summary>The trainer threw; the row keeps the error so the failure can be read later, and the run is retried next time.</summary>
    Failed,
}
