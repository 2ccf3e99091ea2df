using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Quantities;

namespace ScaleLab.Tests.Support;

/// <summary>The 182 C4 runs Muennighoff et al. 2023 fitted R_N*, R_D* on (params, tokens, unique_tokens, val_loss), parsed directly.</summary>
public static class Datablations
{
    public static IReadOnlyList<Observation>? Load182()
    {
        var path = SharedData.File("datablations/c4_runs_fit182.csv");
        if (path is null) return null;
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int iN = Array.IndexOf(header, "params"), iD = Array.IndexOf(header, "tokens"), iU = Array.IndexOf(header, "unique_tokens"), iL = Array.IndexOf(header, "val_loss");
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f =>
        {
            double d = double.Parse(f[iD], CultureInfo.InvariantCulture);
            return Observation.FromParametersAndTokens(double.Parse(f[iN], CultureInfo.InvariantCulture), d, double.Parse(f[iL], CultureInfo.InvariantCulture))
                with { UniqueTokens = TokenCount.Of(double.Parse(f[iU], CultureInfo.InvariantCulture)) };
        }).ToArray();
    }
}
