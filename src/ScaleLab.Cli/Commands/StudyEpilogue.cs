using System.Text.Json.Nodes;
using ScaleLab.Plots.Reports;
using ScaleLab.Studies;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// What a study command adds after its regimes are fitted: it may print to <paramref name="text"/>
/// (null under <c>--json</c>), add to the JSON <paramref name="document"/>, and return a table for
/// the study's report (or null).
/// </summary>
internal delegate ReportTable? StudyEpilogue(IReadOnlyList<RegimeFit> fits, JsonObject document, TextWriter? text);
