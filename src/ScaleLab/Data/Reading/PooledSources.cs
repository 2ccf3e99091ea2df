using System.Globalization;
using ScaleLab.Diagnostics;

namespace ScaleLab.Data.Reading;

/// <summary>
/// Warns when a file looks like several sources pooled into one (docs/input.md, "Groups"): a text column of two to
/// eight values splits the rows into groups that each span a range of scale (at least 5 rows over a factor of 4 in
/// the scale variable, and, where N is read, a factor of 2 in N, so that a column naming model sizes or budgets is
/// not taken for a source), and one power law ln L = a + b ln x per group explains the data far better than one for
/// all (at least half of the pooled residual sum of squares goes) while the groups' exponents b differ clearly
/// (by 4 standard errors and 15 % of the steepest). x is C where the file has it, else its one scale variable.
/// </summary>
internal static class PooledSources
{
    private const int MaxValues = 8;
    private const int MinRows = 5;
    private static readonly double MinScaleRange = Math.Log(4);
    private static readonly double MinSizeRange = Math.Log(2);
    private const double MinExplained = 0.5;
    private const double MinStandardErrors = 4;
    private const double MinRelativeSpread = 0.15;

    /// <summary>The warning, or null when no column splits the rows that way.</summary>
    public static Diagnostic? Check(RunColumns columns, IReadOnlyList<(string Name, TextColumn Cells)> candidates)
    {
        var x = columns.Column(ScaleVariable.Compute) is not null ? ScaleVariable.Compute
            : columns.Variables.Where(v => v.IsWellKnown).Take(2).Count() == 1 ? columns.Variables[0] : (ScaleVariable?)null;
        if (x is not { } variable || columns.Count < 2 * MinRows) return null;
        var logX = Logs(columns.Column(variable)!);
        var logY = Logs(columns.Metric);
        var logN = columns.Column(ScaleVariable.Parameters) is { } n ? Logs(n) : null;
        var found = new List<(string Column, Split Split)>();
        foreach (var (name, cells) in candidates)
        {
            if (Partition(cells) is not { } partition) continue;
            if (Evaluate(partition.Index, partition.Values, logX, logY, logN) is { } split) found.Add((name, split));
        }
        if (found.Count == 0) return null;
        found.Sort((a, b) => b.Split.Explained.CompareTo(a.Split.Explained));
        var (column, best) = found[0];
        var also = found.Count > 1 ? $" (also: {string.Join(", ", found.Skip(1).Select(f => $"'{InputText.Show(f.Column)}'"))})" : "";
        var symbol = variable.Symbol;
        return Diagnostic.Warning("pooled-sources",
            $"the rows look pooled from several sources: column '{InputText.Show(column)}' splits them into {best.Groups} groups whose exponents d ln L/d ln {symbol} " +
            $"differ ({G(best.Low)} for '{InputText.Show(best.LowValue)}' to {G(best.High)} for '{InputText.Show(best.HighValue)}'), and a power law per group leaves " +
            $"{G(100 * (1 - best.Explained))} % of the residual variance of one for all; fit each source apart with --group-by {InputText.Show(column)}{also}");
    }

    private sealed record Split(int Groups, double Explained, double Low, string LowValue, double High, string HighValue);

    private static string G(double v) => v.ToString("G3", CultureInfo.InvariantCulture);

    private static double[] Logs(double[] values)
    {
        var logs = new double[values.Length];
        for (int i = 0; i < logs.Length; i++) logs[i] = values[i] > 0 ? Math.Log(values[i]) : double.NaN;
        return logs;
    }

    // The rows' value index, or null when the column has one value, more than MaxValues, or only numbers.
    private static (int[] Index, List<string> Values)? Partition(TextColumn cells)
    {
        var index = new int[cells.Count];
        var values = new List<string>();
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = known.GetAlternateLookup<ReadOnlySpan<char>>();
        bool text = false;
        for (int i = 0; i < index.Length; i++)
        {
            var cell = cells.Span(i).Trim();
            if (!lookup.TryGetValue(cell, out int k))
            {
                if (values.Count == MaxValues) return null;
                k = values.Count;
                var value = new string(cell);
                known[value] = k;
                values.Add(value);
                text |= cell.Length > 0 && NumberCell.Parse(cell, out _) != NumberCell.Outcome.Number;
            }
            index[i] = k;
        }
        return values.Count >= 2 && text ? (index, values) : null;
    }

    private static Split? Evaluate(int[] index, List<string> values, double[] logX, double[] logY, double[]? logN)
    {
        int groups = values.Count;
        var fits = new Line[groups];
        for (int g = 0; g < groups; g++) fits[g] = new Line();
        var sizeMin = new double[groups];
        var sizeMax = new double[groups];
        Array.Fill(sizeMin, double.PositiveInfinity);
        Array.Fill(sizeMax, double.NegativeInfinity);
        int usable = 0;
        for (int i = 0; i < index.Length; i++)
        {
            if (!double.IsFinite(logX[i]) || !double.IsFinite(logY[i])) continue;
            usable++;
            fits[index[i]].Add(logX[i], logY[i]);
            if (logN is not null && double.IsFinite(logN[i]))
            {
                sizeMin[index[i]] = Math.Min(sizeMin[index[i]], logN[i]);
                sizeMax[index[i]] = Math.Max(sizeMax[index[i]], logN[i]);
            }
        }
        var pooled = new Line();
        var eligible = new List<int>();
        for (int g = 0; g < groups; g++)
        {
            var f = fits[g];
            if (f.Count < MinRows || f.Range < MinScaleRange) continue;
            if (logN is not null && !(sizeMax[g] - sizeMin[g] >= MinSizeRange)) continue;
            eligible.Add(g);
            pooled.Merge(f);
        }
        if (eligible.Count < 2 || 2 * pooled.Count < usable) return null;
        double within = eligible.Sum(g => fits[g].ResidualSquares);
        double total = pooled.ResidualSquares;
        if (!(total > 0)) return null;
        double explained = 1 - within / total;
        int low = eligible.MinBy(g => fits[g].Slope), high = eligible.MaxBy(g => fits[g].Slope);
        double z = 0;
        foreach (var a in eligible)
        {
            foreach (var b in eligible)
            {
                if (a < b) z = Math.Max(z, Math.Abs(fits[a].Slope - fits[b].Slope) / Math.Sqrt(fits[a].SlopeVariance + fits[b].SlopeVariance));
            }
        }
        double steepest = eligible.Max(g => Math.Abs(fits[g].Slope));
        double spread = fits[high].Slope - fits[low].Slope;
        if (explained < MinExplained || z < MinStandardErrors || spread < MinRelativeSpread * steepest) return null;
        return new Split(eligible.Count, explained, fits[low].Slope, values[low], fits[high].Slope, values[high]);
    }

    // Least squares of y on x from running sums (centred moments, merged exactly).
    private sealed class Line
    {
        private double _meanX, _meanY, _sxx, _sxy, _syy, _min = double.PositiveInfinity, _max = double.NegativeInfinity;

        public int Count { get; private set; }

        public double Range => _max - _min;

        public double Slope => _sxx > 0 ? _sxy / _sxx : 0;

        public double ResidualSquares => _sxx > 0 ? Math.Max(0, _syy - _sxy * _sxy / _sxx) : _syy;

        public double SlopeVariance => Count > 2 && _sxx > 0 ? ResidualSquares / (Count - 2) / _sxx : double.PositiveInfinity;

        public void Add(double x, double y)
        {
            Count++;
            double dx = x - _meanX, dy = y - _meanY;
            _meanX += dx / Count;
            _meanY += dy / Count;
            _sxx += dx * (x - _meanX);
            _sxy += dx * (y - _meanY);
            _syy += dy * (y - _meanY);
            _min = Math.Min(_min, x);
            _max = Math.Max(_max, x);
        }

        public void Merge(Line other)
        {
            if (other.Count == 0) return;
            int n = Count + other.Count;
            double dx = other._meanX - _meanX, dy = other._meanY - _meanY, w = (double)Count * other.Count / n;
            _sxx += other._sxx + dx * dx * w;
            _sxy += other._sxy + dx * dy * w;
            _syy += other._syy + dy * dy * w;
            _meanX += dx * other.Count / n;
            _meanY += dy * other.Count / n;
            _min = Math.Min(_min, other._min);
            _max = Math.Max(_max, other._max);
            Count = n;
        }
    }
}
