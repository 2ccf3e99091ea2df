using System.Diagnostics;
using System.Globalization;
using ScaleLab.Data;

// Read throughput of the observation reader: `generate ROWS FILE [FORMAT]` writes a synthetic CSV of a run column and
// N, D, C, loss (FORMAT R: round-trip, 17 digits as pandas writes floats; G6: six digits as most loggers write them);
// `read FILE` reads it and prints rows, MB/s (wall and CPU) and the peak working set.
var invariant = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault())
{
    case "generate" when args.Length is 3 or 4:
    {
        long rows = long.Parse(args[1], invariant);
        using var writer = new StreamWriter(args[2], false, new System.Text.UTF8Encoding(false), 1 << 20);
        writer.Write("run,N,D,C,loss\n");
        var random = new Random(1);
        var format = args.Length == 4 ? args[3] : "R";
        for (long i = 0; i < rows; i++)
        {
            double n = Math.Exp(16 + 8 * random.NextDouble()), d = Math.Exp(20 + 8 * random.NextDouble());
            double loss = 1.69 + 406.4 / Math.Pow(n, 0.34) + 410.7 / Math.Pow(d, 0.28);
            writer.Write(string.Create(invariant, $"r{i % 1000},{n.ToString(format, invariant)},{d.ToString(format, invariant)},{(6 * n * d).ToString(format, invariant)},{loss.ToString(format, invariant)}\n"));
        }
        return 0;
    }
    case "read" when args.Length == 2:
    {
        var path = args[1];
        long bytes = new FileInfo(path).Length;
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var set = ObservationReader.Read(path, new ReadOptions { KeepTags = false });
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        double mb = bytes / 1e6;
        Console.WriteLine(string.Create(invariant,
            $"{set.Count} rows, {mb:F1} MB: wall {wall:F2} s ({mb / wall:F0} MB/s), CPU {cpu:F2} s ({mb / cpu:F0} MB/s), peak working set {process.PeakWorkingSet64 / 1e6:F0} MB ({process.PeakWorkingSet64 / (double)set.Count:F0} bytes/row)"));
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: generate ROWS FILE | read FILE");
        return 2;
}
