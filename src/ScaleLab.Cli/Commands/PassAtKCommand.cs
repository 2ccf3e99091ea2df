using System.CommandLine;
using System.Globalization;
using System.Text;
using ScaleLab.Data;
using ScaleLab.Metrics;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// <c>scalelab pass-at-k counts.csv --samples n --correct c [--k 1,2,4] [--out curve.csv]</c>: coverage against the
/// number of samples from per-problem counts, through the unbiased pass@k estimator (Chen et al. 2021), with the
/// binomial standard error and Wilson interval over the problems. The curve is what <c>fit --law coverage</c> fits
/// (Brown et al. 2024): <c>scalelab fit curve.csv --law coverage --metric coverage</c>.
/// </summary>
internal static class PassAtKCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "CSV, TSV, JSON or Parquet file with one row per problem" };
        var samples = new Option<string>("--samples") { Description = "column of the samples drawn per problem, n", DefaultValueFactory = _ => "n" };
        var correct = new Option<string>("--correct") { Description = "column of the correct samples per problem, c", DefaultValueFactory = _ => "c" };
        var ks = new Option<string[]>("--k") { Description = "sample counts k (default: 1, 2, 4, ... up to the smallest n)", AllowMultipleArgumentsPerToken = true };
        var level = new Option<double>("--level") { Description = "level of the Wilson intervals", DefaultValueFactory = _ => 0.95 };
        var output = new Option<string?>("--out") { Description = "write the curve to this CSV file instead of standard output" };
        var command = new Command("pass-at-k", "Coverage against samples per problem (pass@k, Chen et al. 2021) with binomial intervals, for fit --law coverage")
        {
            file, samples, correct, ks, level, output,
        };
        command.SetAction(parse => BadInputGuard.Run(parse, () =>
        {
            var path = parse.GetValue(file)!;
            string samplesColumn = parse.GetValue(samples)!, correctColumn = parse.GetValue(correct)!;
            double confidence = parse.GetValue(level);
            if (!(confidence > 0 && confidence < 1)) throw new ArgumentException($"--level must be in (0, 1), got {confidence.ToString(CultureInfo.InvariantCulture)}");
            var n = ScaleVariable.Named("n_samples");
            var c = ScaleVariable.Named("n_correct");
            var set = ObservationReader.ReadPoints(path, new ColumnMapping { Require = [n, c] }.Bind(n, samplesColumn).Bind(c, correctColumn));
            var problems = new List<(int, int)>(set.Count);
            var rows = set.Rows;
            var nValues = set.Values(n);
            var cValues = set.Values(c);
            for (int i = 0; i < set.Count; i++)
            {
                if (!IsCount(nValues[i]) || nValues[i] < 1) throw new InputDataException(set.Source, rows[i], samplesColumn, $"{Show(nValues[i])} is not a whole number of samples (at least 1)");
                if (!IsCount(cValues[i]) || cValues[i] > nValues[i]) throw new InputDataException(set.Source, rows[i], correctColumn, $"{Show(cValues[i])} is not a whole number of correct samples between 0 and n = {Show(nValues[i])}");
                problems.Add(((int)nValues[i], (int)cValues[i]));
            }
            if (problems.Count == 0) throw new InputDataException(set.Source, null, null, "no problems");
            var kList = KList(parse.GetValue(ks), problems.Min(p => p.Item1), problems.Max(p => p.Item1));
            var curve = PassAtK.Curve(problems, kList, confidence);
            var csv = ToCsv(curve);
            if (parse.GetValue(output) is { } target) ScaleLab.IO.AtomicFile.WriteAllText(target, csv);
            else parse.InvocationConfiguration.Output.Write(csv);
            return 0;
        }));
        return command;
    }

    private static bool IsCount(double x) => x >= 0 && x <= int.MaxValue && x == Math.Floor(x);

    private static string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static List<int> KList(string[]? given, int smallest, int largest)
    {
        if (given is null || given.Length == 0)
        {
            var powers = new List<int>();
            for (long k = 1; k <= smallest; k *= 2) powers.Add((int)k);
            return powers;
        }
        var ks = new List<int>();
        foreach (var value in OptionSyntax.Numbers(given, "--k"))
        {
            if (!IsCount(value) || value < 1 || value > largest) throw new ArgumentException($"--k {Show(value)} is not a whole number in 1..{largest} (the largest n)");
            ks.Add((int)value);
        }
        return ks;
    }

    private static string ToCsv(IReadOnlyList<CoveragePoint> curve)
    {
        var sb = new StringBuilder("k,coverage,standard_error,lower,upper,level,problems\n");
        foreach (var p in curve)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{p.Samples},{p.Coverage:R},{p.StandardError:R},{p.Interval.Lower:R},{p.Interval.Upper:R},{p.Interval.Level:R},{p.Problems}\n");
        }
        return sb.ToString();
    }
}
