using System.Globalization;
using ScaleLab.Data;

namespace ScaleLab.Tests.Support;

/// <summary>Llama 3 paper Fig. 2 IsoFLOP points (compute_budget, training_tokens, validation_loss; N = C/6D), parsed directly.</summary>
public static class Llama3IsoFlops
{
    public static IReadOnlyList<Observation>? Load()
    {
        var path = SharedData.File("llama3-isoflops/isoflops_points.csv");
        if (path is null) return null;
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int iC = Array.IndexOf(header, "compute_budget"), iD = Array.IndexOf(header, "training_tokens"), iL = Array.IndexOf(header, "validation_loss");
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f =>
        {
            double c = double.Parse(f[iC], CultureInfo.InvariantCulture), d = double.Parse(f[iD], CultureInfo.InvariantCulture);
            return Observation.FromParametersAndCompute(c / (6 * d), c, double.Parse(f[iL], CultureInfo.InvariantCulture));
        }).ToArray();
    }
}
