using ScaleLab.Data;

namespace ScaleLab.Laws;

/// <summary>
/// Published symbols of the scale variables (N, D, C, U_D), the registry suffixes that pick them, and the named
/// variables the shipped laws read beyond them (experts E, samples k, steps S, a link's input loss L, encoder and
/// decoder sizes N_e, N_d), each bound to a column of its symbol's name or with <c>--var SYMBOL=COLUMN</c>.
/// </summary>
internal static class VariableNames
{
    /// <summary>Experts E of a routed model (Clark et al. 2022).</summary>
    public static readonly ScaleVariable Experts = ScaleVariable.Named("E");

    /// <summary>Samples k drawn per problem at test time (Brown et al. 2024).</summary>
    public static readonly ScaleVariable Samples = ScaleVariable.Named("k");

    /// <summary>Optimizer steps S of a checkpoint (Kaplan et al. 2020, §5).</summary>
    public static readonly ScaleVariable Steps = ScaleVariable.Named("S");

    /// <summary>A loss L read as the input of a link to a downstream metric.</summary>
    public static readonly ScaleVariable Loss = ScaleVariable.Named("L");

    /// <summary>Encoder parameters N_e of a translation model (Ghorbani et al. 2021).</summary>
    public static readonly ScaleVariable EncoderParameters = ScaleVariable.Named("N_e");

    /// <summary>Decoder parameters N_d of a translation model (Ghorbani et al. 2021).</summary>
    public static readonly ScaleVariable DecoderParameters = ScaleVariable.Named("N_d");

    /// <summary>What a variable is, its unit, and how its column is found.</summary>
    public static string Describe(ScaleVariable variable) => variable switch
    {
        _ when variable == ScaleVariable.Parameters => "N: parameters (column N, params, n_params, ... or --params)",
        _ when variable == ScaleVariable.Tokens => "D: training tokens or samples (column D, tokens, ... or --tokens)",
        _ when variable == ScaleVariable.Compute => "C: training compute in FLOP (column C, flops, compute, ... or --compute)",
        _ when variable == ScaleVariable.UniqueTokens => "U_D: unique training tokens (column unique_tokens, U_D or --unique-tokens)",
        _ when variable == Experts => Bound("number of experts", "E", "num_experts"),
        _ when variable == Samples => Bound("samples drawn per problem", "k", "num_samples"),
        _ when variable == Steps => Bound("optimizer steps", "S", "current_steps"),
        _ when variable == Loss => Bound("loss (nats per token), the input of the link", "L", "loss"),
        _ when variable == EncoderParameters => Bound("encoder parameters", "N_e", "encoder_params"),
        _ when variable == DecoderParameters => Bound("decoder parameters", "N_d", "decoder_params"),
        _ => Bound("variable", variable.Symbol, "COLUMN"),
    };

    private static string Bound(string what, string symbol, string example) => $"{symbol}: {what} (column {symbol}, or --var {symbol}={example})";

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
