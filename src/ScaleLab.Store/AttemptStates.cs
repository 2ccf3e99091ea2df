namespace ScaleLab.Store;

/// <summary>The stored names of <see cref="AttemptState"/> values and which states are final.</summary>
public static class AttemptStates
{
    /// <summary>The lower-case name stored in the <c>attempts.state</c> column.</summary>
    public static string Name(AttemptState state) => state switch
    {
        AttemptState.Claimed => "claimed",
        AttemptState.Pending => "pending",
        AttemptState.Running => "running",
        AttemptState.Finished => "finished",
        AttemptState.Failed => "failed",
        AttemptState.Preempted => "preempted",
        AttemptState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown attempt state"),
    };

    /// <summary>The state stored as <paramref name="name"/>.</summary>
    /// <exception cref="InvalidDataException">No state has that name.</exception>
    public static AttemptState Parse(string name)
    {
        foreach (var state in Enum.GetValues<AttemptState>())
        {
            if (Name(state) == name) return state;
        }
        throw new InvalidDataException($"'{name}' is not an attempt state");
    }

    /// <summary>Whether an attempt in <paramref name="state"/> has ended for good.</summary>
    public static bool IsFinal(AttemptState state) => state >= AttemptState.Finished;
}
