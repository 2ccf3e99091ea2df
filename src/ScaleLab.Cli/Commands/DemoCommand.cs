using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ScaleLab.Data;
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
        command.SetAction(parse =>
        {
            if (common.Validate(parse) is { } error) return StudyOptions.BadInput(error);
            var plan = DemoStudy.Plan(common.StudyName(parse, "demo"), parse.GetValue(common.Seed));
            return common.Execute(parse, plan, Predict);
        });
        return command;
    }

    private static void Predict(IReadOnlyList<RegimeFit> fits, JsonObject document, bool json)
    {
        var model = fits.FirstOrDefault(f => f.Regime.Variable == ScaleVariable.Parameters && f.Regime.Metric == "loss" && f.Regime.Name.Contains("D = inf", StringComparison.Ordinal));
        if (model?.Fit is null) return;
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
        if (json) return;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prediction: infinite-data loss at P = {p:G} ({p / model.Range.Max:G3}x the largest P fitted) = {StudyConsole.Number(value)} [95%: {StudyConsole.Number(lower)}, {StudyConsole.Number(upper)}]"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"            exact (Bahri et al. eq. 1): {StudyConsole.Number(exact)}; error {100 * error:+0.0;-0.0} %"));
    }
}
