using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ScaleLab.Data;
using ScaleLab.Experiments.Plans;
using ScaleLab.Plots.Reports;
using ScaleLab.Studies;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// <c>scalelab demo</c>: a small but real scaling study (random-feature regimes and deep
/// teacher–student runs), its exponents beside theory, and a checked extrapolation. Leaves its runs
/// in the store, so running it again only refits.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var common = new StudyOptions();
        var command = new Command("demo", "Run a small scaling study (about 2 minutes on 2 cores), fit every regime and predict");
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if (common.Validate(parse) is { } error) return Task.FromResult(StudyOptions.BadInput(parse, error));
            var plan = DemoStudy.Plan(common.StudyName(parse, "demo"), parse.GetValue(common.Seed));
            return common.ExecuteAsync(parse, plan, cancellationToken, Predict);
        });
        return command;
    }

    private static ReportTable? Predict(IReadOnlyList<RegimeFit> fits, JsonObject document, TextWriter? text)
    {
        var model = fits.FirstOrDefault(f => f.Regime.Variable == ScaleVariable.Parameters && f.Regime.Metric == "loss" && f.Regime.Name.Contains("D = inf", StringComparison.Ordinal));
        if (model?.Fit is null) return null;
        double p = DemoStudy.PredictionParameters;
        var (value, lower, upper) = model.Predict(p);
        double exact = DemoStudy.ExactPredictionTarget();
        double error = (value - exact) / exact;
        document["prediction"] = new JsonObject
        {
            ["regime"] = model.Regime.Name,
            ["parameters"] = p,
            ["extrapolation"] = p / model.Range.Max,
            ["loss"] = value,
            ["lower"] = StudyConsole.Finite(lower),
            ["upper"] = StudyConsole.Finite(upper),
            ["exact"] = exact,
            ["relativeError"] = error,
        };
        var table = new ReportTable("Checked prediction",
            ["regime", "P", "beyond the largest P fitted", "predicted loss", "95% interval", "exact (Bahri et al. eq. 1)", "error"],
            [[model.Regime.Name, StudyConsole.Number(p), string.Create(CultureInfo.InvariantCulture, $"{p / model.Range.Max:G3}x"), StudyConsole.Number(value),
                $"[{StudyConsole.Number(lower)}, {StudyConsole.Number(upper)}]", StudyConsole.Number(exact),
                string.Create(CultureInfo.InvariantCulture, $"{100 * error:+0.0;-0.0} %")]],
            "The infinite-data loss extrapolated from the fitted power law, against the exact value of the random-feature model.");
        if (text is null) return table;
        text.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prediction: infinite-data loss at P = {p:G} ({p / model.Range.Max:G3}x the largest P fitted) = {StudyConsole.Number(value)} [95%: {StudyConsole.Number(lower)}, {StudyConsole.Number(upper)}]"));
        text.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"            exact (Bahri et al. eq. 1): {StudyConsole.Number(exact)}; error {100 * error:+0.0;-0.0} %"));
        return table;
    }
}
