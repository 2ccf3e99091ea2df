using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ScaleLab.Data;
using ScaleLab.Serialization;

namespace ScaleLab.Cli;

/// <summary>
/// The one loop of the commands that analyse each <c>--group-by</c> group apart (isoflop, envelope, approaches): each
/// group analysed as a file of its own would be (<see cref="RowGroups.Run"/>), then one document
/// (<see cref="GroupedDocument"/>, the command's own document per group) or one text: a summary table with a row per
/// group, then each group's section under its name.
/// </summary>
/// <typeparam name="T">The command's result for one group.</typeparam>
internal sealed class GroupedOutput<T> where T : class
{
    /// <summary>The schema of the grouped document, e.g. <c>scalelab.isoflop-groups/1</c>.</summary>
    public required string SchemaId { get; init; }

    /// <summary>Why a group is too small for the analysis, or null when it is not (<see cref="RowGroups.TooFew"/>).</summary>
    public Func<RowGroup, string?> TooSmall { get; init; } = _ => null;

    /// <summary>The analysis of one group's rows.</summary>
    public required Func<RowGroup, T> Analyse { get; init; }

    /// <summary>The command's document of one result.</summary>
    public required Func<T, JsonNode> Json { get; init; }

    /// <summary>The command's text of one result.</summary>
    public required Func<T, string> Text { get; init; }

    /// <summary>The summary table's columns after group and rows, and each result's cells in them.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>A result's cells in <see cref="Columns"/>.</summary>
    public required Func<T, IReadOnlyList<string>> Cells { get; init; }

    /// <summary>True when a result is a result (finite exponents, say); a group that is not makes the exit code 1.</summary>
    public Func<T, bool> Succeeded { get; init; } = _ => true;

    /// <summary>
    /// Analyses every group of <paramref name="data"/> and prints the document (<paramref name="json"/>) or the text. The exit
    /// code is 0 when every group analysed succeeded and at least one was, 1 otherwise.
    /// </summary>
    public int Run(ParseResult parse, ObservationSet data, bool json, CancellationToken cancellationToken = default)
    {
        var outcomes = RowGroups.Run(data.Groups(), TooSmall, (g, _) => Analyse(g), cancellationToken);
        var output = parse.InvocationConfiguration.Output;
        output.WriteLine(json ? JsonOutput.ToText(GroupedDocument.ToJson(SchemaId, data, outcomes, Json)) : Render(data, outcomes));
        bool failed = outcomes.All(o => o.Result is null) || outcomes.Any(o => o.Result is { } r && !Succeeded(r));
        return failed ? 1 : 0;
    }

    private string Render(ObservationSet data, IReadOnlyList<GroupOutcome<T>> outcomes)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{data.Count} rows of {data.Source} in {outcomes.Count} groups by {string.Join(", ", data.GroupColumns)}");
        var header = new[] { "group", "rows" }.Concat(Columns).ToArray();
        var rows = outcomes.Select(o => new[] { o.Group.Name, o.Group.Data.Count.ToString(CultureInfo.InvariantCulture) }
            .Concat(o.Result is { } r ? Cells(r) : [$"skipped: {o.Skipped}"]).ToArray()).ToArray();
        var widths = header.Select((h, j) => Math.Max(h.Length, rows.Where(r => r.Length == header.Length || j < 2).Select(r => r[j].Length).DefaultIfEmpty(0).Max())).ToArray();
        sb.AppendLine("  " + string.Join("  ", header.Select((h, j) => h.PadRight(widths[j]))).TrimEnd());
        foreach (var row in rows) sb.AppendLine("  " + string.Join("  ", row.Select((c, j) => j < widths.Length ? c.PadRight(widths[j]) : c)).TrimEnd());
        foreach (var outcome in outcomes)
        {
            if (outcome.Result is not { } result) continue;
            sb.AppendLine();
            sb.AppendLine($"== {outcome.Group.Name} ({outcome.Group.Data.Count} rows) ==");
            sb.AppendLine(Text(result));
        }
        return sb.ToString().TrimEnd();
    }
}
