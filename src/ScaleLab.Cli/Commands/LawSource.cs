using System.Globalization;
using System.Text.Json;
using ScaleLab.Laws;
using ScaleLab.Planning;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// Where a plan's law comes from: a fit document (<c>scalelab.fit/1</c>: law, parameters, optional
/// bootstrap.samples in law-parameter order) or a law name with published parameters on the command line.
/// </summary>
internal static class LawSource
{
    /// <summary>Reads a fit document. Throws <see cref="FormatException"/> naming the file and field on bad input.</summary>
    public static PlanningLaw FromFitDocument(string path, double level)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new FormatException($"{path}: not valid JSON ({e.Message})"); }
        catch (IOException e) { throw new FormatException($"{path}: {e.Message}"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (!root.TryGetProperty("law", out var lawName) || lawName.ValueKind != JsonValueKind.String) throw new FormatException($"{path}: field 'law' (a law name) is missing");
            if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object) throw new FormatException($"{path}: field 'parameters' (an object of name: value) is missing");
            ScalingLaw law;
            try { law = LawRegistry.Get(lawName.GetString()!); }
            catch (ArgumentException e) { throw new FormatException($"{path}, field 'law': {e.Message}"); }
            var named = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var p in parameters.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Number) throw new FormatException($"{path}, field 'parameters.{p.Name}': not a number");
                named[p.Name] = p.Value.GetDouble();
            }
            var samples = new List<double[]>();
            if (root.TryGetProperty("bootstrap", out var boot) && boot.ValueKind == JsonValueKind.Object && boot.TryGetProperty("samples", out var arr) && arr.ValueKind == JsonValueKind.Array)
            {
                int i = 0;
                foreach (var s in arr.EnumerateArray())
                {
                    var v = s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : double.NaN).ToArray() : [];
                    if (v.Length != law.Parameters.Count)
                    {
                        throw new FormatException($"{path}, field 'bootstrap.samples[{i}]': expected {law.Parameters.Count} values ({string.Join(", ", law.Parameters.Select(x => x.Name))})");
                    }
                    if (v.All(double.IsFinite)) samples.Add(v);
                    i++;
                }
            }
            double? maxCompute = root.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object
                && input.TryGetProperty("maxCompute", out var mc) && mc.ValueKind == JsonValueKind.Number ? mc.GetDouble() : null;
            try
            {
                return new PlanningLaw(law, named) { BootstrapSamples = samples, MaxFittedCompute = maxCompute, IntervalLevel = level };
            }
            catch (ArgumentException e) { throw new FormatException($"{path}, field 'parameters': {e.Message}"); }
        }
    }

    /// <summary>Parses <c>E=1.69,A=406.4,...</c> for a registered law.</summary>
    public static PlanningLaw FromParameters(string lawName, string text, double level)
    {
        ScalingLaw law;
        try { law = LawRegistry.Get(lawName); }
        catch (ArgumentException e) { throw new FormatException(e.Message); }
        var named = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new FormatException($"--parameters: '{part}' is not name=value (e.g. E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28)");
            }
            named[kv[0]] = v;
        }
        try { return new PlanningLaw(law, named) { IntervalLevel = level }; }
        catch (ArgumentException e) { throw new FormatException($"--parameters: {e.Message}"); }
    }
}
