using System.Globalization;
using ScaleLab.Data;

namespace ScaleLab.Tests.Support;

/// <summary>
/// The Epoch AI extraction of Hoffmann et al. Fig. 4 as Besiroglu et al. 2024 fitted it: the 240 rows
/// left after dropping the 5 highest losses, D = C/(6N). Parsed directly so fitting tests do not
/// depend on the file readers.
/// </summary>
public static class EpochChinchilla
{
    public static IReadOnlyList<Observation>? Load240()
    {
        var path = SharedData.File("epoch-chinchilla/svg_extracted_data.csv");
        if (path is null) return null;
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int iN = Array.IndexOf(header, "Model Size"), iC = Array.IndexOf(header, "Training FLOP"), iL = Array.IndexOf(header, "loss");
        var all = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(f => (N: double.Parse(f[iN], CultureInfo.InvariantCulture), C: double.Parse(f[iC], CultureInfo.InvariantCulture), L: double.Parse(f[iL], CultureInfo.InvariantCulture)))
            .ToArray();
        var fifthLargest = all.Select(r => r.L).OrderByDescending(x => x).ElementAt(4);
        return all.Where(r => r.L < fifthLargest).Select(r => Observation.FromParametersAndCompute(r.N, r.C, r.L)).ToArray();
    }
}
