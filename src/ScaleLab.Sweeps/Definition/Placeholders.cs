namespace ScaleLab.Sweeps.Definition;

/// <summary>The placeholders every sweep command may use besides its axes, and what each stands for.</summary>
public static class Placeholders
{
    /// <summary>Model size N of the run (a whole number).</summary>
    public const string Parameters = "params";

    /// <summary>Training tokens D of the run (a whole number).</summary>
    public const string Tokens = "tokens";

    /// <summary>The run's IsoFLOP budget C (6ND outside IsoFLOP grids).</summary>
    public const string Budget = "budget";

    /// <summary>The run's seed: its <c>seed</c> axis value, or one derived from the sweep's seed and the run.</summary>
    public const string Seed = "seed";

    /// <summary>The run's id: the first 12 hex digits of its key.</summary>
    public const string RunId = "run_id";

    /// <summary>Where the command may write its result document.</summary>
    public const string Out = "out";

    /// <summary>The run's checkpoint folder, kept from one attempt to the next.</summary>
    public const string CheckpointDirectory = "checkpoint_dir";

    /// <summary>The attempt's number, 1 for the first.</summary>
    public const string Attempt = "attempt";

    /// <summary>Every built-in placeholder with what it stands for, in the order the docs list them.</summary>
    public static IReadOnlyList<(string Name, string Meaning)> All { get; } =
    [
        (Parameters, "model size N"), (Tokens, "training tokens D"), (Budget, "compute budget C"), (Seed, "the run's seed"),
        (RunId, "the run's id"), (Out, "the result file"), (CheckpointDirectory, "the run's checkpoint folder"), (Attempt, "the attempt's number"),
    ];

    /// <summary>True when <paramref name="name"/> is a built-in placeholder.</summary>
    public static bool IsBuiltIn(string name) => All.Any(p => p.Name == name);

    /// <summary>True when <paramref name="name"/> can name an axis and a placeholder: a letter or underscore, then letters, digits, underscores.</summary>
    public static bool IsName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
