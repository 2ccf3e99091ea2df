using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ScaleLab.Laws;
using ScaleLab.Metrics;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// <c>scalelab laws [NAME...] [--json]</c>: every law <c>--law</c> accepts, with its formula, the variables it reads and
/// how to bind them, its parameters (bounds, scale), the metric it is stated over, its default objective and its paper.
/// <c>--json</c> prints schema <see cref="SchemaId"/>.
/// </summary>
internal static class LawsCommand
{
    /// <summary>Schema of the JSON listing.</summary>
    public const string SchemaId = "scalelab.laws/1";

    public static Command Create()
    {
        var names = new Argument<string[]>("names") { Description = "laws to show (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = $"print the laws as JSON (schema {SchemaId})" };
        var command = new Command("laws", "List the laws with their formula, variables, parameters and paper") { names, json };
        command.SetAction(parse => BadInputGuard.Run(parse, () =>
        {
            var requested = parse.GetValue(names) ?? [];
            // Several names can give one law (bnsl and bnsl-d): each is listed once, under the name it saves fits as.
            var laws = (requested.Length == 0 ? LawRegistry.Names : requested).Select(LawRegistry.Get).DistinctBy(l => l.Name).ToArray();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) output.WriteLine(ToJson(laws));
            else foreach (var law in laws) Write(output, law);
            return 0;
        }));
        return command;
    }

    private static void Write(TextWriter output, ScalingLaw law)
    {
        output.WriteLine($"{law.Name}: {law.Formula}");
        output.WriteLine($"  paper:      {law.Reference}");
        output.WriteLine($"  metric:     {MetricKinds.Describe(law.Space)}; fitted with {law.DefaultObjective.Name} unless --objective says otherwise");
        foreach (var v in law.Variables) output.WriteLine($"  variable    {law.DescribeVariable(v)}");
        foreach (var p in law.Parameters) output.WriteLine($"  parameter   {p.Name}: {p.Description}{Bounds(p)}");
        output.WriteLine();
    }

    private static string Bounds(LawParameter p)
    {
        bool lower = double.IsFinite(p.Lower), upper = double.IsFinite(p.Upper);
        if (!lower && !upper) return "";
        var parts = new List<string>(2);
        if (lower) parts.Add((p.Transform == ParameterTransform.Log && p.Lower == 0 ? "> " : ">= ") + Quantities.Quantity.Format(p.Lower));
        if (upper) parts.Add("<= " + Quantities.Quantity.Format(p.Upper));
        return $" ({string.Join(", ", parts)})";
    }

    /// <summary>The listing as indented camelCase JSON (formulas unescaped: the output is for files and pipes).</summary>
    internal static string ToJson(IEnumerable<ScalingLaw> laws)
    {
        var buffer = new ArrayBufferWriter<byte>(32768);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schema", SchemaId);
            w.WriteStartArray("laws");
            foreach (var law in laws)
            {
                w.WriteStartObject();
                w.WriteString("name", law.Name);
                w.WriteString("formula", law.Formula);
                w.WriteString("citation", law.Reference);
                w.WriteString("metric", law.Space.ToString().ToLowerInvariant());
                w.WriteString("objective", law.DefaultObjective.Name);
                w.WriteStartArray("variables");
                foreach (var v in law.Variables)
                {
                    w.WriteStartObject();
                    w.WriteString("symbol", v.Symbol);
                    w.WriteString("description", law.DescribeVariable(v));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("parameters");
                foreach (var p in law.Parameters)
                {
                    w.WriteStartObject();
                    w.WriteString("name", p.Name);
                    w.WriteString("description", p.Description);
                    w.WriteString("scale", p.Transform == ParameterTransform.Log ? "log" : "linear");
                    if (double.IsFinite(p.Lower)) w.WriteNumber("lower", p.Lower);
                    if (double.IsFinite(p.Upper)) w.WriteNumber("upper", p.Upper);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
