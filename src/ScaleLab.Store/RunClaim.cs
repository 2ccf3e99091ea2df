namespace ScaleLab.Store;

/// <summary>
/// A worker's hold on one run, for one attempt, until <see cref="Expires"/>. The holder renews it
/// well before it expires (a third of the lease is a good interval); once it has expired any worker
/// may claim the run again. A claim is identified by its worker and attempt, so a worker that lost
/// its claim cannot renew or release the claim that replaced it.
/// </summary>
/// <param name="Study">The study or sweep of the run.</param>
/// <param name="Key">The run key.</param>
/// <param name="Worker">Who holds the claim: unique per process (and per thread if threads claim apart), e.g. host, process id and thread.</param>
/// <param name="Attempt">The attempt this claim belongs to.</param>
/// <param name="Acquired">When the claim was taken (UTC).</param>
/// <param name="Expires">When the claim lapses unless renewed (UTC, to the millisecond).</param>
public sealed record RunClaim(string Study, string Key, string Worker, int Attempt, DateTimeOffset Acquired, DateTimeOffset Expires);
