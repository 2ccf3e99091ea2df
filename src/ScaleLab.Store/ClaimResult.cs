namespace ScaleLab.Store;

/// <summary>The answer to <see cref="RunStore.TryClaim"/> or <see cref="RunStore.TryAdopt"/>.</summary>
/// <param name="Status">Claimed, already finished, or held by another worker.</param>
/// <param name="Claim">The caller's new claim when <paramref name="Status"/> is <see cref="ClaimStatus.Claimed"/>; otherwise null.</param>
/// <param name="Holder">The live claim of another worker when <paramref name="Status"/> is <see cref="ClaimStatus.Held"/>; otherwise null.</param>
public sealed record ClaimResult(ClaimStatus Status, RunClaim? Claim, RunClaim? Holder);
