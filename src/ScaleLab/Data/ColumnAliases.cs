namespace ScaleLab.Data;

/// <summary>
/// The column names recognised for each role, as published datasets spell them (Epoch AI's
/// "Model Size"/"Training FLOP", datablations' "params"/"unique_tokens", BNSL's "dataset_size",
/// OLMo's "n_params", …). Names are compared after trimming, lower-casing and dropping spaces,
/// underscores and hyphens, so "Model Size", "model_size" and "model-size" are one name.
/// Only whole-name matches count: "C_6ND" is not compute and "C4 Eval Loss" is not a loss. Weights &amp; Biases
/// run exports are recognised where the name is unambiguous (<c>train/loss</c>, <c>eval/loss</c>,
/// <c>model/num_parameters</c>, <c>_step</c>); a file with both losses must say which with <c>--metric</c>.
/// </summary>
public static class ColumnAliases
{
    /// <summary>Every role, in declaration order (a literal: <see cref="Enum.GetValues{TEnum}"/> costs reflection at start-up).</summary>
    internal static readonly ColumnRole[] AllRoles =
    [
        ColumnRole.Parameters, ColumnRole.Tokens, ColumnRole.Compute, ColumnRole.Metric, ColumnRole.UniqueTokens, ColumnRole.NonEmbeddingParameters,
        ColumnRole.ActiveParameters, ColumnRole.RunId, ColumnRole.Group, ColumnRole.Step, ColumnRole.Seed,
    ];

    // Indexed by role, in the order of AllRoles.
    private static readonly string[][] Table =
    [
        ["N", "params", "n_params", "Model Size", "parameters", "num_params"],
        ["D", "tokens", "training_tokens", "Training Tokens", "dataset_size", "samples"],
        ["C", "flops", "compute", "budget", "compute_budget", "Training FLOP"],
        ["loss", "val_loss", "validation_loss", "eval_loss", "test_loss", "test_cross_entropy", "error"],
        ["unique_tokens", "U_D"],
        ["N_no_emb", "non_embedding_params"],
        ["active_params"],
        ["run", "run_id", "run_name", "name"],
        ["group"],
        ["step"],
        ["seed"],
    ];

    // Weights & Biases run-export names, by role (kept apart so that messages list them separately). "_step" is
    // already "step" once underscores are dropped.
    private static readonly string[][] Wandb =
    [
        ["model/num_parameters"], [], [], ["train/loss", "eval/loss"], [], [], [], [], [], [], [],
    ];

    /// <summary>The names recognised for <paramref name="role"/>, in order of preference for messages.</summary>
    public static IReadOnlyList<string> Names(ColumnRole role) => Table[(int)role];

    /// <summary>The Weights &amp; Biases export names also recognised for <paramref name="role"/>.</summary>
    public static IReadOnlyList<string> WandbNames(ColumnRole role) => Wandb[(int)role];

    /// <summary>
    /// The key naming <paramref name="role"/> in <c>--column KEY=NAME</c> (<c>params</c>, <c>tokens</c>,
    /// <c>compute</c>, <c>metric</c>, <c>unique-tokens</c>, <c>non-embedding-params</c>, <c>active-params</c>,
    /// <c>run</c>, <c>group</c>, <c>step</c>, <c>seed</c>).
    /// </summary>
    public static string Key(ColumnRole role) => role switch
    {
        ColumnRole.Parameters => "params",
        ColumnRole.Tokens => "tokens",
        ColumnRole.Compute => "compute",
        ColumnRole.Metric => "metric",
        ColumnRole.UniqueTokens => "unique-tokens",
        ColumnRole.NonEmbeddingParameters => "non-embedding-params",
        ColumnRole.ActiveParameters => "active-params",
        ColumnRole.RunId => "run",
        ColumnRole.Group => "group",
        ColumnRole.Step => "step",
        _ => "seed",
    };

    /// <summary>The role whose <see cref="Key"/> is <paramref name="key"/> (ignoring case), or null.</summary>
    public static ColumnRole? FromKey(string key)
    {
        foreach (var role in AllRoles)
        {
            if (string.Equals(Key(role), key.Trim(), StringComparison.OrdinalIgnoreCase)) return role;
        }
        return null;
    }

    /// <summary>
    /// How to name the column of <paramref name="role"/> on the command line: a dedicated option for
    /// the scale variables, the metric and U_D (<c>--tokens COLUMN</c>), else <c>--column run=COLUMN</c>.
    /// </summary>
    public static string Usage(ColumnRole role, string column = "COLUMN") => role switch
    {
        ColumnRole.Parameters or ColumnRole.Tokens or ColumnRole.Compute or ColumnRole.Metric or ColumnRole.UniqueTokens => $"--{Key(role)} {column}",
        _ => $"--column {Key(role)}={column}",
    };

    /// <summary>A short description of the role for messages, e.g. "parameters N".</summary>
    public static string Describe(ColumnRole role) => role switch
    {
        ColumnRole.Parameters => "parameters N",
        ColumnRole.Tokens => "tokens D",
        ColumnRole.Compute => "compute C",
        ColumnRole.Metric => "metric",
        ColumnRole.UniqueTokens => "unique tokens U_D",
        ColumnRole.NonEmbeddingParameters => "non-embedding parameters",
        ColumnRole.ActiveParameters => "active parameters",
        ColumnRole.RunId => "run id",
        ColumnRole.Group => "group",
        ColumnRole.Step => "step",
        _ => "seed",
    };

    /// <summary>The role that holds a well-known scale variable (N, D, C or U).</summary>
    /// <exception cref="ArgumentException">A named variable, which has no role.</exception>
    public static ColumnRole RoleOf(ScaleVariable variable)
    {
        if (variable == ScaleVariable.Parameters) return ColumnRole.Parameters;
        if (variable == ScaleVariable.Tokens) return ColumnRole.Tokens;
        if (variable == ScaleVariable.Compute) return ColumnRole.Compute;
        if (variable == ScaleVariable.UniqueTokens) return ColumnRole.UniqueTokens;
        throw new ArgumentException($"variable {variable.Symbol} has no column role; bind it with --var {variable.Symbol}=COLUMN");
    }

    /// <summary>True when <paramref name="column"/> is one of the names of <paramref name="role"/>.</summary>
    public static bool Matches(ColumnRole role, string column) => MatchesNormalized(role, Normalize(column));

    /// <summary>True when the normalised name <paramref name="key"/> (<see cref="Normalize"/>) is one of the names of <paramref name="role"/>.</summary>
    internal static bool MatchesNormalized(ColumnRole role, string key)
    {
        foreach (var alias in NormalizedTable[(int)role]) if (alias == key) return true;
        return false;
    }

    // The names of each role (aliases and W&B names) normalised once.
    private static readonly string[][] NormalizedTable = BuildNormalized();

    private static string[][] BuildNormalized()
    {
        var result = new string[Table.Length][];
        for (int r = 0; r < Table.Length; r++)
        {
            var names = new string[Table[r].Length + Wandb[r].Length];
            for (int i = 0; i < Table[r].Length; i++) names[i] = Normalize(Table[r][i]);
            for (int i = 0; i < Wandb[r].Length; i++) names[Table[r].Length + i] = Normalize(Wandb[r][i]);
            result[r] = names;
        }
        return result;
    }

    /// <summary>Lower-case, without surrounding white space, spaces, underscores or hyphens.</summary>
    public static string Normalize(string name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        int k = 0;
        foreach (var ch in name.Trim())
        {
            if (ch is ' ' or '_' or '-' or '\t') continue;
            buffer[k++] = char.ToLowerInvariant(ch);
        }
        return new string(buffer[..k]);
    }

    /// <summary>
    /// The candidate closest to <paramref name="name"/> by edit distance on normalised names, when it is
    /// close enough to be a likely misspelling (at most 2 edits and fewer than half the letters); else null.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var key = Normalize(name);
        string? best = null;
        int bestDistance = int.MaxValue, bestLength = 0;
        foreach (var candidate in candidates)
        {
            var other = Normalize(candidate);
            // The distance is at least the difference in length: most candidates need no alignment at all.
            if (Math.Abs(other.Length - key.Length) > 2 || Math.Abs(other.Length - key.Length) >= bestDistance) continue;
            int d = EditDistance(key, other);
            if (d < bestDistance) { best = candidate; bestDistance = d; bestLength = other.Length; }
        }
        if (best is null) return null;
        int shorter = Math.Min(key.Length, bestLength);
        return bestDistance <= 2 && 2 * bestDistance < shorter ? best : null;
    }

    // Optimal string alignment distance (Levenshtein plus adjacent transpositions: "tokesn"), in three rolling rows.
    private static int EditDistance(string a, string b)
    {
        int m = b.Length;
        Span<int> buffer = m < 256 ? stackalloc int[3 * (m + 1)] : new int[3 * (m + 1)];
        var previous2 = buffer[..(m + 1)];
        var previous = buffer.Slice(m + 1, m + 1);
        var current = buffer.Slice(2 * (m + 1), m + 1);
        for (int j = 0; j <= m; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= m; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.Min(d, previous2[j - 2] + 1);
                current[j] = d;
            }
            // Rotate: previous2 <- previous <- current.
            var spare = previous2;
            previous2 = previous;
            previous = current;
            current = spare;
        }
        return previous[m];
    }
}
