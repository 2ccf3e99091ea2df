using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScaleLab.Data;
using ScaleLab.Design;
using ScaleLab.Laws;
using ScaleLab.Plots.Model;
using ScaleLab.Plots.Rendering;

// Real-pool replays for docs/design.md: the datablations runs (data-constrained law) and the OLMo ladder
// (Chinchilla law, C4 cross-entropy), each with its most expensive tenth held out as the target, starting from
// its three cheapest runs; target RMSLE against the cost spent, ScaleLab's selection against random (mean
// over seeds). Writes design-real-pools.csv and design-real-pools.svg into the output folder and prints a table
// with wall and CPU time.
// Usage: dotnet run -c Release --project bench/ScaleLab.Bench.Design -- DATASETS_DIR OUT_DIR [SCALELAB_SEEDS] [RANDOM_SEEDS]
var datasets = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "datasets");
var output = args.Length > 1 ? args[1] : ".";
int ownSeeds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
int randomSeeds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
Directory.CreateDirectory(output);

var studies = new List<(string Name, ScalingLaw Law, IReadOnlyList<Observation> Runs, double[] Checkpoints)>
{
    ("OLMo ladder, Chinchilla law (c4_en_ce)", ChinchillaLaw.Instance,
        ObservationReader.Read(Path.Combine(datasets, "olmo-ladder", "ladder_final.csv"),
            new ColumnMapping { Metric = "c4_en_ce", Parameters = "n_params", Tokens = "tokens" }).Observations,
        [0.01, 0.02, 0.05, 0.1, 0.2]),
    ("datablations, data-constrained law (val_loss)", DataConstrainedLaw.Instance,
        ObservationReader.Read(Path.Combine(datasets, "datablations", "c4_runs_fit182.csv")).Observations,
        [0.001, 0.003, 0.01, 0.02]),
};

var csv = new StringBuilder("study,strategy,seed,checkpoint,spent,runs,r_squared,rmsle\n");
var plots = new List<PlotSpec>();
var clock = Stopwatch.StartNew();
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
foreach (var (name, law, runs, checkpoints) in studies)
{
    var points = new List<ReplayPoint>();
    foreach (var (strategy, seeds) in new[] { (SelectionStrategy.ScaleLab, ownSeeds), (SelectionStrategy.Random, randomSeeds) })
    {
        points.AddRange(PoolReplay.Run(law, runs, new ReplayOptions { Strategies = [strategy], Seeds = seeds, Checkpoints = checkpoints }));
    }
    foreach (var p in points)
    {
        csv.Append(CultureInfo.InvariantCulture, $"\"{name}\",{p.Strategy},{p.Seed},{p.Checkpoint:R},{p.Spent:R},{p.Runs},{p.RSquared:R},{p.Rmsle:R}\n");
    }
    var series = new List<PlotSeries>();
    Console.WriteLine(name);
    foreach (var strategy in new[] { SelectionStrategy.ScaleLab, SelectionStrategy.Random })
    {
        var rows = checkpoints.Select(c => points.Where(p => p.Strategy == strategy && p.Checkpoint == c).ToArray()).ToArray();
        var spent = rows.Select(r => r.Average(p => p.Spent)).ToArray();
        var mean = rows.Select(r => r.Average(p => p.Rmsle)).ToArray();
        series.Add(new PlotSeries { Label = strategy == SelectionStrategy.ScaleLab ? "ScaleLab" : $"random (mean of {randomSeeds})", Kind = SeriesKind.Line, X = spent, Y = mean, Tone = strategy == SelectionStrategy.ScaleLab ? 0.1 : 0.8 });
        series.Add(new PlotSeries { Label = "", Kind = SeriesKind.Points, X = spent, Y = mean, Tone = strategy == SelectionStrategy.ScaleLab ? 0.1 : 0.8 });
        for (int k = 0; k < checkpoints.Length; k++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {strategy,-9} budget {100 * checkpoints[k],5:0.0#} %  spent {100 * spent[k],6:0.00} %  runs {rows[k].Average(p => p.Runs),5:0.0}  RMSLE {mean[k]:0.0000}  R² {rows[k].Average(p => p.RSquared):0.000}"));
        }
    }
    plots.Add(new PlotSpec
    {
        Title = name, X = new PlotAxis("cost spent (share of the study's total)", null, true), Y = new PlotAxis("target RMSLE", null, true),
        Series = series, LegendInside = true,
    });
}
File.WriteAllText(Path.Combine(output, "design-real-pools.csv"), csv.ToString());
PlotRenderer.SaveGrid(plots, Path.Combine(output, "design-real-pools.svg"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"wall {clock.Elapsed.TotalSeconds:0.0} s, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s"));
