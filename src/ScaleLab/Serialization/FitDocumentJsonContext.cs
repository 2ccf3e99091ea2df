using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScaleLab.Serialization;

/// <summary>
/// Source-generated serializer for <see cref="FitDocument"/>: no reflection at start-up, camelCase
/// names, invariant number formatting, named literals for NaN and infinities.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(FitDocument))]
[JsonSerializable(typeof(PredictionDocument))]
internal sealed partial class FitDocumentJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context used for writing and reading: as <see cref="JsonSerializerContext"/>'s default but
    /// without escaping '+', '&lt;' and non-ASCII letters, so formulas stay readable ("E + A/N^alpha").
    /// The output is meant for files and pipes, never for embedding in HTML unescaped.
    /// </summary>
    public static FitDocumentJsonContext Readable => s_readable ??= CreateReadable();

    private static FitDocumentJsonContext? s_readable;

    private static FitDocumentJsonContext CreateReadable()
    {
        var options = new JsonSerializerOptions(Default.Options)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return new FitDocumentJsonContext(options);
    }
}
