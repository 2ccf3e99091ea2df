using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScaleLab.Experiments.Companion;

/// <summary>
/// The command line of one built-in run: <c>--spec FILE</c>, <c>--out FILE</c> and one option per
/// field of the experiment's specification record, named after the field in kebab case
/// (<c>Width</c> → <c>--width</c>, <c>Markov.Vocabulary</c> → <c>--markov-vocabulary</c>), so the
/// record is the only list of what a run can be told. <c>scalelab train</c> checks a command line
/// with it before handing it on; <c>scalelab-train</c> builds the run from it. Values are read
/// culture-invariantly and written into the specification's JSON, which the record then validates.
/// </summary>
public sealed class SpecificationOptions
{
    private readonly BuiltInExperiment _experiment;
    private readonly List<Field> _fields = [];

    /// <summary>The options of <paramref name="experiment"/>'s runs.</summary>
    public SpecificationOptions(BuiltInExperiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        _experiment = experiment;
        Walk(experiment.SpecificationType, [], "", DefaultsJson());
    }

    /// <summary><c>--spec FILE</c>: the specification to start from (JSON; <c>-</c> reads standard input).</summary>
    public Option<string?> Spec { get; } = new("--spec")
    {
        Description = "specification file (JSON, the record's fields in camelCase; - reads standard input); the options below override its fields",
    };

    /// <summary><c>--out FILE</c>: where the result document goes (besides the last line of standard output).</summary>
    public Option<string?> Out { get; } = new("--out") { Description = "write the result document (schema scalelab.result/1) to this file too" };

    /// <summary>Adds <see cref="Spec"/>, <see cref="Out"/> and every field option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Spec);
        command.Options.Add(Out);
        foreach (var field in _fields) command.Options.Add(field.Option);
    }

    /// <summary>
    /// The specification the command line describes: the <c>--spec</c> file's (or the experiment's
    /// defaults) with the field options applied, validated. Null with the reason in one line in
    /// <paramref name="error"/> when it is not a valid specification.
    /// </summary>
    public object? Read(ParseResult parse, TextReader standardInput, out string error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        error = "";
        string source = parse.GetValue(Spec) ?? "the options";
        try
        {
            var json = parse.GetValue(Spec) is { } path
                ? JsonNode.Parse(path == "-" ? standardInput.ReadToEnd() : File.ReadAllText(path)) as JsonObject ?? throw new JsonException("the specification is not a JSON object")
                : DefaultsJson();
            foreach (var field in _fields)
            {
                if (parse.GetResult(field.Option) is not { Implicit: false } || parse.GetValue(field.Option) is not { } text) continue;
                if (!TryConvert(text, field.Type, field.Nullable, out var value))
                {
                    error = $"{field.Option.Name}: '{text}' is not {Describe(field.Type, field.Nullable)}";
                    return null;
                }
                var target = json;
                foreach (var step in field.Path[..^1])
                {
                    if (target[step] is not JsonObject inner) target[step] = inner = [];
                    target = inner;
                }
                target[field.Path[^1]] = value;
            }
            var specification = json.Deserialize(_experiment.SpecificationType, TrainingJson.Options) ?? throw new JsonException("the specification is null");
            // Every specification record checks itself and names its first invalid field.
            _experiment.SpecificationType.GetMethod("Validate", Type.EmptyTypes)?.Invoke(specification, null);
            return specification;
        }
        catch (JsonException e)
        {
            error = $"{source}: {e.Message}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException invalid)
        {
            error = invalid.ParamName is null ? invalid.Message : invalid.Message.Replace($" (Parameter '{invalid.ParamName}')", "", StringComparison.Ordinal);
        }
        return null;
    }

    private JsonObject DefaultsJson() =>
        JsonSerializer.SerializeToNode(_experiment.Defaults, _experiment.SpecificationType, TrainingJson.Options)!.AsObject();

    private void Walk(Type type, string[] path, string prefix, JsonObject? defaults)
    {
        // A record's primary constructor lists its fields in declaration order.
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        foreach (var parameter in constructor.GetParameters())
        {
            var raw = parameter.ParameterType;
            var underlying = Nullable.GetUnderlyingType(raw);
            var fieldType = underlying ?? raw;
            bool nullable = underlying is not null || !raw.IsValueType;
            string json = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            string name = prefix + JsonNamingPolicy.KebabCaseLower.ConvertName(parameter.Name!);
            var current = defaults?[json];
            if (fieldType.IsClass && fieldType != typeof(string))
            {
                Walk(fieldType, [.. path, json], name + "-", current as JsonObject);
                continue;
            }
            string shown = current is null ? "none" : current.ToJsonString().Trim('"');
            var option = new Option<string>("--" + name) { Description = $"{Describe(fieldType, nullable)} (default {shown})" };
            _fields.Add(new Field(option, [.. path, json], fieldType, nullable));
        }
    }

    private static bool TryConvert(string text, Type type, bool nullable, out JsonNode? value)
    {
        value = null;
        // "none" clears a field that may be absent; "inf" says the same of a size (D = inf: infinite data).
        if (nullable && text.Equals("none", StringComparison.OrdinalIgnoreCase)) return true;
        if (nullable && type != typeof(string) && text.Equals("inf", StringComparison.OrdinalIgnoreCase)) return true;
        if (type == typeof(string))
        {
            value = text;
            return true;
        }
        if (type == typeof(bool))
        {
            if (!bool.TryParse(text, out var b)) return false;
            value = b;
            return true;
        }
        if (type.IsEnum)
        {
            var match = Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, text.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
            if (match is null) return false;
            value = JsonNamingPolicy.CamelCase.ConvertName(match);
            return true;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number)) return false;
        if (type == typeof(double))
        {
            value = number;
            return true;
        }
        // Whole numbers may be written 4096 or 4.096e3.
        if (number != Math.Floor(number)) return false;
        if (type == typeof(int) && number is >= int.MinValue and <= int.MaxValue) value = (int)number;
        else if (type == typeof(long) && number is >= long.MinValue and < long.MaxValue) value = (long)number;
        return value is not null;
    }

    private static string Describe(Type type, bool nullable)
    {
        string word = type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) ? "a number"
            : type == typeof(bool) ? "true or false"
            : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n)))
            : "a text";
        return !nullable ? word : type == typeof(string) ? word + " or none" : word + ", or none/inf";
    }

    private sealed record Field(Option<string> Option, string[] Path, Type Type, bool Nullable);
}
