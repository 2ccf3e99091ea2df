using System.CommandLine;
using System.Text.Json.Nodes;
using ScaleLab.Quantities;
using ScaleLab.Serialization;
using ScaleLab.Uncertainty;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// <c>scalelab simulate-coverage</c>: how often the bootstrap interval for the allocation exponent a
/// covers the truth over data sets simulated from a known Chinchilla law (Besiroglu et al. 2024). The
/// acceptance band [0.65, 0.95] is for 60 replicates; with fewer, the band printed widens with the
/// binomial standard error.
/// </summary>
internal static class SimulateCoverageCommand
{
    /// <summary>JSON schema identifier of the output.</summary>
    public const string SchemaId = "scalelab.coverage/1";

    public static Command Create()
    {
        var replicates = new Option<int>("--replicates") { Description = "simulated data sets", DefaultValueFactory = _ => 60 };
        var resamples = new Option<int>("--resamples") { Description = "bootstrap resamples per data set", DefaultValueFactory = _ => 100 };
        var noise = new Option<double>("--noise") { Description = "standard deviation of the noise on ln L", DefaultValueFactory = _ => 0.01 };
        var level = new Option<double>("--level") { Description = "interval level", DefaultValueFactory = _ => 0.8 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the simulation", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int?>("--threads") { Description = "worker threads (the result does not depend on it)" };
        var json = new Option<bool>("--json") { Description = $"print JSON (schema {SchemaId})" };
        var command = new Command("simulate-coverage", "Check that bootstrap intervals cover the truth as often as they claim, on data simulated from a known law")
        {
            replicates, resamples, noise, level, seed, threads, json,
        };
        command.SetAction(parse =>
        {
            var options = new CoverageOptions
            {
                Replicates = parse.GetValue(replicates), Resamples = parse.GetValue(resamples), Noise = parse.GetValue(noise),
                Level = parse.GetValue(level), Seed = parse.GetValue(seed), Parallelism = parse.GetValue(threads),
            };
            if (options.Replicates < 1 || options.Resamples < 2 || !(options.Noise > 0) || !(options.Level > 0 && options.Level < 1))
            {
                parse.InvocationConfiguration.Error.WriteLine("error: need --replicates ≥ 1, --resamples ≥ 2, --noise > 0 and 0 < --level < 1");
                return Program.BadInput;
            }
            var result = CoverageSimulation.Run(options);
            // The acceptance band [0.65, 0.95] around 0.8 is ±2.9 binomial standard errors at 60 replicates; keep that many.
            double halfWidth = 0.15 / Math.Sqrt(0.8 * 0.2 / 60) * result.CoverageStandardError;
            double lo = Math.Max(0, options.Level - halfWidth), hi = Math.Min(1, options.Level + halfWidth);
            bool pass = result.Coverage >= lo && result.Coverage <= hi;
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                var root = new JsonObject
                {
                    ["schema"] = SchemaId, ["truth"] = JsonOutput.Number(result.Truth), ["coverage"] = JsonOutput.Number(result.Coverage),
                    ["coverageStandardError"] = JsonOutput.Number(result.CoverageStandardError), ["band"] = new JsonArray(JsonOutput.Number(lo), JsonOutput.Number(hi)),
                    ["withinBand"] = pass, ["medianWidth"] = JsonOutput.Number(result.MedianWidth), ["failedResamples"] = result.FailedResamples,
                    ["replicates"] = options.Replicates, ["resamples"] = options.Resamples, ["noise"] = JsonOutput.Number(options.Noise),
                    ["level"] = JsonOutput.Number(options.Level), ["seed"] = options.Seed,
                    ["intervals"] = new JsonArray(result.Intervals.Select(i => (JsonNode)JsonOutput.Interval(i)).ToArray()),
                };
                output.WriteLine(JsonOutput.ToText(root));
            }
            else
            {
                output.WriteLine($"coverage of the {Quantity.Format(100 * options.Level, 3)} % percentile bootstrap interval for a (truth {Quantity.Format(result.Truth)}):");
                output.WriteLine($"  {options.Replicates} data sets × {options.Resamples} resamples, noise {Quantity.Format(options.Noise, 4)} on ln L, seed {options.Seed}");
                output.WriteLine($"  coverage {Quantity.Fixed(result.Coverage, 3)} ± {Quantity.Fixed(result.CoverageStandardError, 3)} (band [{Quantity.Fixed(lo, 3)}, {Quantity.Fixed(hi, 3)}]: {(pass ? "within" : "OUTSIDE")})");
                output.WriteLine($"  median interval width {Quantity.Format(result.MedianWidth, 3)}; failed refits {result.FailedResamples}");
            }
            return pass ? 0 : 1;
        });
        return command;
    }
}
