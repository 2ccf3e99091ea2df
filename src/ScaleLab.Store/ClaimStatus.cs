namespace ScaleLab.Store;

/// <summary>What came of asking to claim a run.</summary>
public enum ClaimStatus
{
    /// <summary>The run is the caller's to train; <see cref="ClaimResult.Claim"/> holds the claim.</summary>
    Claimed,

    /// <summary>The run is already finished: nothing to train.</summary>
    Finished,

    /// <summary>Another worker holds a live claim; ask again later (it may fail or stop renewing).</summary>
    Held,

    /// <summary>The attempt to adopt has ended, or a later attempt replaced it: claim the run anew instead.</summary>
    Superseded,
}
