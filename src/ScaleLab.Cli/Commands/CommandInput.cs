using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Plots.Model;

namespace ScaleLab.Cli.Commands;

/// <summary>Reading runs and fitting laws for the commands that draw (plot, report), with their bad-input handling.</summary>
internal static class CommandInput
{
    /// <summary>
    /// Reads <paramref name="file"/> and fits each law to it. On bad input prints one line naming the
    /// file, row and column on stderr and returns false (the caller exits with <see cref="Program.BadInput"/>).
    /// </summary>
    public static bool TryRead(FileInfo file, IReadOnlyList<string> laws, out ObservationSet data, out IReadOnlyList<FitView> fits)
    {
        data = null!;
        fits = [];
        ObservationSet set;
        ScalingLaw[] resolved;
        try
        {
            set = ObservationReader.Read(file.FullName);
            resolved = laws.Select(LawRegistry.Get).ToArray();
        }
        catch (Exception e) when (e is InputDataException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            Fail(e.Message);
            return false;
        }
        if (set.Count == 0)
        {
            Fail($"{set.Source}: no runs");
            return false;
        }
        foreach (var law in resolved)
        {
            var missing = law.Variables.Where(v => !set.PresentVariables.Contains(v)).ToArray();
            if (missing.Length > 0)
            {
                Fail($"{set.Source}: law '{law.Name}' needs {string.Join(", ", missing.Select(ScalingPlots.SymbolOf))}, which the file does not hold");
                return false;
            }
        }
        data = set;
        var points = ScalingData.From(set);
        fits = resolved.Select(law => FitView.From(Fitter.Fit(law, points))).ToArray();
        return true;
    }

    /// <summary>Prints <c>error: message</c> on stderr and returns the bad-input exit code.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return Program.BadInput;
    }
}
