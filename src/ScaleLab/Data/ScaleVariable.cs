namespace ScaleLab.Data;

/// <summary>
/// A variable a law can depend on, identified by its symbol: the four well-known scale variables
/// (<see cref="Parameters"/> N, <see cref="Tokens"/> D, <see cref="Compute"/> C, <see cref="UniqueTokens"/> U)
/// or any other the user binds to a column (<see cref="Named"/>: vocabulary V, experts E, samples k, a
/// learning rate lr, a loss used as the input of a link). Symbols are case-sensitive: <c>s</c> and <c>S</c>
/// are two variables. The well-known ones occupy fixed slots in <see cref="ScalingData"/>, so a law's hot
/// loop reads them as a span without any lookup.
/// </summary>
public readonly record struct ScaleVariable : IComparable<ScaleVariable>
{
    // Slots of the well-known variables in ScalingData; -1 for a named variable.
    internal const int WellKnownCount = 4;

    private ScaleVariable(string symbol, int slot)
    {
        Symbol = symbol;
        Slot = slot;
    }

    /// <summary>Model parameters N.</summary>
    public static ScaleVariable Parameters { get; } = new("N", 0);

    /// <summary>Training tokens or samples D.</summary>
    public static ScaleVariable Tokens { get; } = new("D", 1);

    /// <summary>Training compute C in FLOPs.</summary>
    public static ScaleVariable Compute { get; } = new("C", 2);

    /// <summary>Unique training tokens U (U_D of data-constrained laws).</summary>
    public static ScaleVariable UniqueTokens { get; } = new("U", 3);

    /// <summary>The four well-known variables in slot order: N, D, C, U.</summary>
    public static IReadOnlyList<ScaleVariable> WellKnown { get; } = [Parameters, Tokens, Compute, UniqueTokens];

    /// <summary>The symbol: N, D, C, U, or the user's (V, E, lr, …).</summary>
    public string Symbol { get; }

    /// <summary>Slot in <see cref="ScalingData"/> (0–3) for the well-known variables, −1 for a named one.</summary>
    internal int Slot { get; }

    /// <summary>True for N, D, C and U.</summary>
    public bool IsWellKnown => Slot >= 0 && Symbol is not null;

    /// <summary>
    /// A name for messages and stored documents: <c>Parameters</c>, <c>Tokens</c>, <c>Compute</c> or
    /// <c>UniqueTokens</c> for the well-known variables (as the enum they replace printed them), else the symbol.
    /// </summary>
    public string Name => Slot switch
    {
        0 => "Parameters",
        1 => "Tokens",
        2 => "Compute",
        3 => "UniqueTokens",
        _ => Symbol ?? "",
    };

    /// <summary>
    /// The variable of <paramref name="symbol"/>: the well-known one for N, D, C, U (and U_D), else a named
    /// variable. A symbol is a letter or underscore followed by letters, digits or underscores.
    /// </summary>
    /// <exception cref="ArgumentException">The symbol is not an identifier.</exception>
    public static ScaleVariable Named(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var s = symbol.Trim();
        if (FromSymbol(s) is { } known) return known;
        if (!IsIdentifier(s))
        {
            throw new ArgumentException($"'{s}' is not a variable symbol (a letter or _ followed by letters, digits or _, e.g. V or lr)");
        }
        return new ScaleVariable(s, -1);
    }

    /// <summary>
    /// Reads a variable from its <see cref="Name"/> (<c>Parameters</c>, …, as stored by earlier versions, ignoring
    /// case) or its symbol.
    /// </summary>
    public static ScaleVariable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        foreach (var v in WellKnown) if (string.Equals(v.Name, s, StringComparison.OrdinalIgnoreCase)) return v;
        return Named(s);
    }

    /// <summary>True when <paramref name="text"/> can be a symbol.</summary>
    public static bool IsIdentifier(string text)
    {
        if (string.IsNullOrEmpty(text) || !(char.IsAsciiLetter(text[0]) || text[0] == '_')) return false;
        foreach (var c in text) if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        return true;
    }

    private static ScaleVariable? FromSymbol(string s) => s switch
    {
        "N" => Parameters,
        "D" => Tokens,
        "C" => Compute,
        "U" or "U_D" => UniqueTokens,
        _ => null,
    };

    /// <summary>Well-known variables first in slot order, then named ones by symbol (ordinal).</summary>
    public int CompareTo(ScaleVariable other)
    {
        int a = Slot < 0 ? WellKnownCount : Slot, b = other.Slot < 0 ? WellKnownCount : other.Slot;
        return a != b ? a.CompareTo(b) : string.CompareOrdinal(Symbol, other.Symbol);
    }

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
