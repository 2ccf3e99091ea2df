using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Planning;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// Where a plan's law comes from: a fit document (<c>scalelab.fit/1</c>: law, parameters, the fitted
/// compute range, optional bootstrap samples in law-parameter order) or a law name with published
/// parameters on the command line.
/// </summary>
internal static class LawSource
{
    /// <summary>Reads a fit document; bad content is an <see cref="InputDataException"/> naming the file and field.</summary>
    public static PlanningLaw FromFitDocument(string path, double level)
    {
        var doc = FitDocument.Load(path);
        ScalingLaw law;
        try { law = doc.ResolveLaw(); }
        catch (ArgumentException e) { throw new InputDataException(path, null, "law", e.Message); }
        var samples = new List<double[]>();
        var raw = doc.Bootstrap?.Samples ?? [];
        for (int i = 0; i < raw.Count; i++)
        {
            if (raw[i].Count != law.Parameters.Count)
            {
                throw new InputDataException(path, null, $"bootstrap.samples[{i}]",
                    $"expected {law.Parameters.Count} values ({string.Join(", ", law.Parameters.Select(x => x.Name))}), found {raw[i].Count}");
            }
            if (raw[i].All(double.IsFinite)) samples.Add(raw[i].ToArray());
        }
        double? maxCompute = doc.Input.Ranges.TryGetValue(FitDocument.VariableName(ScaleVariable.Compute), out var range) ? range.Max : null;
        try
        {
            return new PlanningLaw(law, doc.Parameters) { BootstrapSamples = samples, MaxFittedCompute = maxCompute, IntervalLevel = level };
        }
        catch (ArgumentException e) { throw new InputDataException(path, null, "parameters", e.Message); }
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
