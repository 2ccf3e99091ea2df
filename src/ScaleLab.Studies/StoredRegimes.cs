using System.Text.Json;
using System.Text.Json.Nodes;
using ScaleLab.Data;
using ScaleLab.Store;

namespace ScaleLab.Studies;

/// <summary>
/// The regime definitions of a study as kept in the store (<see cref="StudyRecord.Regimes"/>), so a
/// study can be fitted and reported later from the store alone, whichever command created it.
/// Run keys are kept in the plan's order, which the bootstrap depends on.
/// </summary>
public static class StoredRegimes
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Stores the regimes of <paramref name="plan"/> with its study (the study must exist).</summary>
    public static void Save(RunStore store, StudyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(plan);
        store.SaveRegimes(plan.Name, Serialize(plan.Regimes));
    }

    /// <summary>The regimes stored with <paramref name="study"/>, or null when the store holds none for it (a study stored by an older version).</summary>
    /// <exception cref="InvalidDataException">The stored definitions cannot be read.</exception>
    public static IReadOnlyList<Regime>? Load(StudyRecord study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return study.Regimes is null ? null : Parse(study.Regimes);
    }

    /// <summary>The regimes as a JSON array.</summary>
    public static string Serialize(IEnumerable<Regime> regimes)
    {
        var array = new JsonArray([.. regimes.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name,
            ["variable"] = r.Variable.ToString(),
            ["metric"] = r.Metric,
            ["theory"] = r.TheoryExponent,
            ["theoryLabel"] = r.TheoryLabel,
            ["note"] = r.Note,
            ["finiteSize"] = r.FiniteSize is { } f ? new JsonObject
            {
                ["direction"] = f.Direction == ExponentBias.Steeper ? "steeper" : "shallower",
                ["reason"] = f.Reason,
                ["expected"] = f.Expected,
            } : null,
            ["runs"] = new JsonArray([.. r.RunKeys.Select(k => (JsonNode)k)]),
        })]);
        return array.ToJsonString(JsonOptions);
    }

    /// <summary>Regimes from the JSON array <see cref="Serialize"/> writes.</summary>
    /// <exception cref="InvalidDataException">The text is not such an array.</exception>
    public static IReadOnlyList<Regime> Parse(string json)
    {
        try
        {
            var array = JsonNode.Parse(json)?.AsArray() ?? throw new InvalidDataException("stored regimes: null");
            return array.Select(node =>
            {
                var o = node!.AsObject();
                var variable = ScaleVariable.Parse(Required(o, "variable").GetValue<string>());
                var runs = Required(o, "runs").AsArray().Select(k => k!.GetValue<string>()).ToArray();
                return new Regime(Required(o, "name").GetValue<string>(), variable, Required(o, "metric").GetValue<string>(),
                    Required(o, "theory").Deserialize<double>(JsonOptions), Required(o, "theoryLabel").GetValue<string>(), runs)
                {
                    Note = o["note"]?.GetValue<string>(),
                    FiniteSize = o["finiteSize"] is JsonObject f ? ParseFiniteSize(f) : null,
                };
            }).ToArray();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new InvalidDataException($"stored regimes cannot be read: {e.Message}", e);
        }
    }

    private static FiniteSizeEffect ParseFiniteSize(JsonObject o)
    {
        var direction = Required(o, "direction").GetValue<string>() switch
        {
            "steeper" => ExponentBias.Steeper,
            "shallower" => ExponentBias.Shallower,
            var other => throw new InvalidDataException($"stored finite-size direction '{other}' is neither steeper nor shallower"),
        };
        return new FiniteSizeEffect(direction, Required(o, "reason").GetValue<string>(), o["expected"]?.Deserialize<double>(JsonOptions));
    }

    private static JsonNode Required(JsonObject o, string name) => o[name] ?? throw new InvalidDataException($"stored regime without '{name}'");
}
