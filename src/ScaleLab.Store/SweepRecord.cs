namespace ScaleLab.Store;

/// <summary>A stored sweep: a named grid of runs of the user's own training command, and the definition it came from.</summary>
/// <param name="Name">Unique name; studies and sweeps share one namespace, since runs are filed under it.</param>
/// <param name="Definition">The sweep file's text as last run.</param>
/// <param name="Created">When the sweep was first stored (UTC).</param>
public sealed record SweepRecord(string Name, string Definition, DateTimeOffset Created);
