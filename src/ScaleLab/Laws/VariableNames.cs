using ScaleLab.Data;

namespace ScaleLab.Laws;

/// <summary>Published symbols of the scale variables (N, D, C, U_D) and the registry suffixes that pick them.</summary>
internal static class VariableNames
{
    /// <summary>The paper symbol: N, D, C or U_D, else the variable's own symbol.</summary>
    public static string Symbol(ScaleVariable variable) => variable switch
    {
        _ when variable == ScaleVariable.Parameters => "N",
        _ when variable == ScaleVariable.Tokens => "D",
        _ when variable == ScaleVariable.Compute => "C",
        _ when variable == ScaleVariable.UniqueTokens => "U_D",
        _ => variable.Symbol,
    };

    /// <summary>The registry suffix: n, d, c or u.</summary>
    public static string Suffix(ScaleVariable variable) => variable switch
    {
        _ when variable == ScaleVariable.Parameters => "n",
        _ when variable == ScaleVariable.Tokens => "d",
        _ when variable == ScaleVariable.Compute => "c",
        _ when variable == ScaleVariable.UniqueTokens => "u",
        _ => variable.Symbol,
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
