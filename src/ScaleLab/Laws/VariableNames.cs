using ScaleLab.Data;

namespace ScaleLab.Laws;

/// <summary>Published symbols of the scale variables (N, D, C, U_D) and the registry suffixes that pick them.</summary>
internal static class VariableNames
{
    /// <summary>The paper symbol: N, D, C or U_D.</summary>
    public static string Symbol(ScaleVariable variable) => variable switch
    {
        ScaleVariable.Parameters => "N",
        ScaleVariable.Tokens => "D",
        ScaleVariable.Compute => "C",
        ScaleVariable.UniqueTokens => "U_D",
        _ => throw new ArgumentOutOfRangeException(nameof(variable)),
    };

    /// <summary>The registry suffix: n, d, c or u.</summary>
    public static string Suffix(ScaleVariable variable) => variable switch
    {
        ScaleVariable.Parameters => "n",
        ScaleVariable.Tokens => "d",
        ScaleVariable.Compute => "c",
        ScaleVariable.UniqueTokens => "u",
        _ => throw new ArgumentOutOfRangeException(nameof(variable)),
    };

    /// <summary>The variable for a registry suffix, or null.</summary>
    public static ScaleVariable? FromSuffix(string suffix) => suffix.ToLowerInvariant() switch
    {
        "n" => ScaleVariable.Parameters,
        "d" => ScaleVariable.Tokens,
        "c" => ScaleVariable.Compute,
        "u" => ScaleVariable.UniqueTokens,
        _ => null,
    };
}
