using System.CommandLine;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Quantities;
using ScaleLab.Serialization;
using Spectre.Console;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// <c>scalelab demo</c>: a SYNTHETIC IsoFLOP study drawn from Hoffmann et al.'s published law, fitted
/// with the Chinchilla law and its 4500-start grid, and the loss of Chinchilla (70B parameters, 1.4T
/// tokens) predicted by the fitted and by the true law. Seeded, so every run prints the same numbers.
/// </summary>
internal static class DemoCommand
{
    // Hoffmann et al. 2022 (arXiv:2203.15556) eq. 10, rounded as published.
    private static readonly Dictionary<string, double> Truth = new(StringComparer.Ordinal)
    {
        ["E"] = 1.69, ["A"] = 406.4, ["B"] = 410.7, ["alpha"] = 0.34, ["beta"] = 0.28,
    };

    /// <summary>Seven budgets evenly spaced in log C from 1e18 to 1e21 FLOPs.</summary>
    private static readonly double[] Budgets = Enumerable.Range(0, 7).Select(k => Math.Pow(10, 18 + 0.5 * k)).ToArray();

    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "seed of the noise", DefaultValueFactory = _ => 42 };
        var threads = new Option<int?>("--threads") { Description = "worker threads for the multistart fit" };
        var json = new Option<bool>("--json") { Description = $"print the study as JSON (schema {DemoDocument.SchemaId})" };
        var command = new Command("demo", "Fit Chinchilla to a SYNTHETIC IsoFLOP study generated from Hoffmann et al.'s law") { seed, threads, json };
        command.SetAction((parse, cancellationToken) => Task.FromResult(BadInputGuard.Run(parse, () =>
        {
            var law = ChinchillaLaw.Instance;
            var data = SyntheticIsoFlopStudy.Generate(law, Truth, Budgets, sizesPerBudget: 9, spreadDecades: 0.6, noiseSd: 0.01, seed: parse.GetValue(seed));
            var options = new FitOptions { Parallelism = parse.GetValue(threads) };
            var console = Terminal.For(parse);
            var fit = parse.GetValue(json)
                ? Fitter.Fit(law, ScalingData.From(data), options, null, cancellationToken)
                : Terminal.WithProgress(console, "fitting chinchilla", progress => Fitter.Fit(law, ScalingData.From(data), options, progress, cancellationToken));
            var fitDocument = FitDocument.From(fit, data);
            var chinchilla = ScalePoints.Create(law, 70e9, 1.4e12, null);
            var point = ScalingData.From([chinchilla]);
            var prediction = new DemoPrediction("Chinchilla", 70e9, 1.4e12, fit.Predict(point), law.Predict(law.FromNamed(Truth), point)[0]);
            if (parse.GetValue(json))
            {
                var document = new DemoDocument { Data = data.Source, Truth = Truth, Fit = fitDocument, Predictions = [prediction] };
                parse.InvocationConfiguration.Output.WriteLine(document.ToJson());
                return 0;
            }
            console.WriteLine("SYNTHETIC DATA, not measurements: an IsoFLOP study generated from Hoffmann et al. 2022's published law");
            console.WriteLine($"  (E 1.69, A 406.4, B 410.7, alpha 0.34, beta 0.28), {Budgets.Length} budgets from 1e18 to 1e21 FLOPs, 9 model sizes per budget,");
            console.WriteLine($"  log-normal noise sd 0.01, seed {parse.GetValue(seed)}. Fitted with the Chinchilla law from Hoffmann's 4500-start grid.");
            console.WriteLine("");
            FitReport.Write(console, fitDocument);
            console.WriteLine("");
            double relative = (prediction.Fitted - prediction.True) / prediction.True;
            console.WriteLine($"Loss of Chinchilla (N = 7e10, D = 1.4e12): fitted law {Quantity.Format(prediction.Fitted)}, true law {Quantity.Format(prediction.True)} " +
                              $"({(relative >= 0 ? "+" : "")}{Quantity.Format(100 * relative)} %)");
            return fit.Status == FitStatus.Failed ? 1 : 0;
        })));
        return command;
    }
}
