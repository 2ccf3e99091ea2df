using ScaleLab.Laws;
using ScaleLab.Quantities;

namespace ScaleLab.Data;

/// <summary>
/// Points at which to evaluate a law, from whichever of N, D, C the user gives: the third of the three
/// follows from C = 6ND, and variables neither given nor derivable are absent. The metric of such a point
/// is unknown (NaN) unless stated.
/// </summary>
public static class ScalePoints
{
    /// <summary>One point for <paramref name="law"/>; throws <see cref="ArgumentException"/> when the law needs a variable that is neither given nor derivable.</summary>
    public static Observation Create(ScalingLaw law, double? parameters, double? tokens, double? compute, double? uniqueTokens = null, double metric = double.NaN) =>
        Create(law, parameters, tokens, compute, uniqueTokens, null, metric);

    /// <summary>One point for <paramref name="law"/> with values of its named variables (V, E, …) as well.</summary>
    public static Observation Create(ScalingLaw law, double? parameters, double? tokens, double? compute, double? uniqueTokens,
        IReadOnlyDictionary<ScaleVariable, double>? named, double metric = double.NaN)
    {
        foreach (var variable in law.Variables)
        {
            if (variable.IsWellKnown) continue;
            if (named is null || !named.TryGetValue(variable, out var value))
            {
                throw new ArgumentException($"law '{law.Name}' needs variable {variable.Symbol}: give it with --at {variable.Symbol}=VALUE");
            }
            if (!double.IsFinite(value)) throw new ArgumentException($"variable {variable.Symbol} = {Quantity.Format(value)} is not a finite number");
        }
        Check(parameters, "parameters N");
        Check(tokens, "tokens D");
        Check(compute, "compute C");
        Check(uniqueTokens, "unique tokens U_D");
        double six = ComputeConvention.FlopsPerParameterToken;
        ScaleVariable? derived = null;
        if (parameters is { } n0 && tokens is { } d0 && compute is null) { compute = six * n0 * d0; derived = ScaleVariable.Compute; }
        else if (parameters is { } n1 && compute is { } c1 && tokens is null) { tokens = c1 / (six * n1); derived = ScaleVariable.Tokens; }
        else if (tokens is { } d2 && compute is { } c2 && parameters is null) { parameters = c2 / (six * d2); derived = ScaleVariable.Parameters; }
        foreach (var variable in law.Variables)
        {
            if (!variable.IsWellKnown) continue;
            var value = variable switch
            {
                _ when variable == ScaleVariable.Parameters => parameters,
                _ when variable == ScaleVariable.Tokens => tokens,
                _ when variable == ScaleVariable.Compute => compute,
                _ => uniqueTokens,
            };
            if (value is null)
            {
                var how = variable == ScaleVariable.UniqueTokens ? "" : " (or two of N, D, C, the third following from C = 6ND)";
                throw new ArgumentException($"law '{law.Name}' needs {ColumnAliases.Describe(ColumnAliases.RoleOf(variable))}{how}");
            }
        }
        var point = new Observation
        {
            UniqueTokens = uniqueTokens is { } u ? TokenCount.Of(u) : null,
            Epochs = uniqueTokens is { } uu && tokens is { } t ? t / uu : null,
            Metric = metric,
            Derived = derived,
            NamedVariables = named is null ? new Dictionary<ScaleVariable, double>() : new Dictionary<ScaleVariable, double>(named),
        };
        if (parameters is { } pn) point = point with { Parameters = ParameterCount.Of(pn) };
        if (tokens is { } pd) point = point with { Tokens = TokenCount.Of(pd) };
        if (compute is { } pc) point = point with { Compute = Flops.Of(pc) };
        return point;
    }

    private static void Check(double? value, string what)
    {
        if (value is { } v && !Quantity.IsPositive(v))
        {
            throw new ArgumentException($"{what} = {Quantity.Format(v)} is not a positive finite number");
        }
    }
}
