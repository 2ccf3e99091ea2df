namespace ScaleLab.Training;

/// <summary>How a training run ended.</summary>
public enum RunStatus
{
    /// <summary>Ran its whole budget (or solved exactly).</summary>
    Completed,

    /// <summary>Stopped early because the validation loss stopped improving; metrics are those of the best checkpoint.</summary>
    EarlyStopped,

    /// <summary>The training loss became NaN or infinite; metrics are not meaningful.</summary>
    Diverged,
}
