namespace ScaleLab.Sweeps.Definition;

/// <summary>An extra named axis of a sweep (learning rate, batch size, vocabulary, seed): a placeholder of the command and a stored tag of each run.</summary>
/// <param name="Name">The axis's name, which is also its placeholder <c>{name}</c>.</param>
/// <param name="Values">Its values as the command receives them (numbers in invariant notation), in file order.</param>
public sealed record SweepAxis(string Name, IReadOnlyList<string> Values);
