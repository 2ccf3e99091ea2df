using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Planning;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// Where a plan's law comes from: a fit document (read into the fitted law and its analysis) or a law
/// name with published parameters on the command line.
/// </summary>
internal static class LawSource
{
    /// <summary>Reads a fit document; bad content is an <see cref="InputDataException"/> naming the file and field.</summary>
    public static PlanningLaw FromFitDocument(string path, double level)
    {
        var document = FitDocument.Load(path);
        var fitted = document.ToFittedLaw();
        try
        {
            return PlanningLaw.From(fitted, document.ToAnalysis()) with { IntervalLevel = level };
        }
        catch (ArgumentException e) { throw new InputDataException(path, null, "law", e.Message); }
    }

    /// <summary>Parses <c>E=1.69,A=406.4,...</c> for a registered law; bad text is an <see cref="ArgumentException"/>.</summary>
    public static PlanningLaw FromParameters(string lawName, string text, double level)
    {
        var law = LawRegistry.Get(lawName);
        var named = OptionSyntax.Assignments([text], "--parameters", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28");
        try { return new PlanningLaw(law, named) { IntervalLevel = level }; }
        catch (ArgumentException e) { throw new ArgumentException($"--parameters: {e.Message}"); }
    }
}
