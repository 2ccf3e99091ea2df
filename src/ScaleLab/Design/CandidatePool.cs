using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Quantities;

namespace ScaleLab.Design;

/// <summary>
/// Where candidate runs come from: a file of possible runs (read like the runs file, with an optional id
/// column), or a generated IsoFLOP or N × D grid; and what each costs (a cost column, or a
/// <see cref="CostExpression"/>, by default 6·N·D).
/// </summary>
public static class CandidatePool
{
    /// <summary>
    /// Candidates from points read with <see cref="ObservationReader.ReadPoints"/>: row = the 0-based data row,
    /// id = the run-id column (run, run_id, run_name, name) or a column named <c>id</c>, cost = the
    /// <paramref name="costColumn"/> when given, else <paramref name="cost"/> (default 6·N·D). A cost that is
    /// missing, not a number or not positive is an <see cref="InputDataException"/> naming file, row and column.
    /// </summary>
    public static IReadOnlyList<DesignCandidate> FromPoints(ObservationSet points, CostExpression? cost = null, string? costColumn = null)
    {
        var result = new DesignCandidate[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            var o = points.Observations[i];
            double c;
            if (costColumn is null)
            {
                var expression = cost ?? CostExpression.Default;
                foreach (var v in expression.Variables)
                {
                    if (o.Find(v) is null)
                    {
                        throw new InputDataException(points.Source, o.Row, null,
                            $"the cost {expression.Text} needs {ScalingData.Describe(v)}, which the candidates do not hold; give a cost over the variables they have (--cost) or a cost column (--cost-column)");
                    }
                }
                c = expression.Evaluate(o);
            }
            else c = CostFromColumn(points, o, costColumn);
            if (!Quantity.IsPositive(c))
            {
                throw new InputDataException(points.Source, o.Row, costColumn, $"the cost {Quantity.Format(c)} is not a positive finite number");
            }
            result[i] = new DesignCandidate(o.Row - 1, Id(o), o, c);
        }
        return result;
    }

    /// <summary>
    /// An IsoFLOP grid: at each budget C, <paramref name="sizes"/> model sizes log-spaced over
    /// N_c/<paramref name="spread"/> … N_c·<paramref name="spread"/> around N_c = √(C/120) (20 tokens per
    /// parameter, Hoffmann et al. 2022's rule of thumb), with D = C/(6N), as Hoffmann et al.'s Approach 2
    /// studies were laid out. Costs by <paramref name="cost"/> (default 6·N·D = C).
    /// </summary>
    public static IReadOnlyList<DesignCandidate> IsoFlopGrid(IReadOnlyList<double> budgets, int sizes = 9, double spread = 4, CostExpression? cost = null)
    {
        if (budgets.Count == 0) throw new ArgumentException("an IsoFLOP grid needs at least one budget");
        if (sizes < 1) throw new ArgumentException($"an IsoFLOP grid needs at least one size per budget, got {sizes}");
        if (!(spread >= 1) || !double.IsFinite(spread)) throw new ArgumentException($"the IsoFLOP spread must be a finite number >= 1, got {Quantity.Format(spread)}");
        var result = new List<DesignCandidate>(budgets.Count * sizes);
        foreach (var c in budgets)
        {
            Quantity.RequirePositive(c, "IsoFLOP budget");
            double center = Math.Sqrt(c / (20 * ComputeConvention.FlopsPerParameterToken));
            for (int k = 0; k < sizes; k++)
            {
                double offset = sizes == 1 ? 0 : -1 + 2.0 * k / (sizes - 1);
                double n = center * Math.Pow(spread, offset);
                var point = Observation.FromParametersAndCompute(n, c, double.NaN);
                result.Add(Make(result.Count, $"C={Short(c)} N={Short(n)}", point, cost));
            }
        }
        return result;
    }

    /// <summary>
    /// Every pair of <paramref name="parameters"/> × <paramref name="tokens"/>, optionally crossed with unique-token
    /// budgets (U_D ≤ D: pairs with U_D &gt; D use U_D = D once). Costs by <paramref name="cost"/> (default 6·N·D).
    /// </summary>
    public static IReadOnlyList<DesignCandidate> ParameterTokenGrid(IReadOnlyList<double> parameters, IReadOnlyList<double> tokens,
        IReadOnlyList<double>? uniqueTokens = null, CostExpression? cost = null)
    {
        if (parameters.Count == 0 || tokens.Count == 0) throw new ArgumentException("an N × D grid needs at least one N and one D");
        var result = new List<DesignCandidate>();
        var seen = new HashSet<(double, double, double)>();
        foreach (var n in parameters)
        foreach (var d in tokens)
        {
            Quantity.RequirePositive(n, "grid parameters N");
            Quantity.RequirePositive(d, "grid tokens D");
            foreach (var u0 in uniqueTokens ?? [d])
            {
                Quantity.RequirePositive(u0, "grid unique tokens U_D");
                double u = Math.Min(u0, d);
                if (!seen.Add((n, d, u))) continue;
                var point = Observation.FromParametersAndTokens(n, d, double.NaN) with
                {
                    UniqueTokens = uniqueTokens is null ? null : TokenCount.Of(u),
                    Epochs = uniqueTokens is null ? null : d / u,
                };
                var label = uniqueTokens is null ? $"N={Short(n)} D={Short(d)}" : $"N={Short(n)} D={Short(d)} U_D={Short(u)}";
                result.Add(Make(result.Count, label, point, cost));
            }
        }
        return result;
    }

    /// <summary>
    /// The candidates the law can be evaluated at: every variable it reads must be positive and finite
    /// (generated grids always are; this guards code that builds candidates itself).
    /// </summary>
    internal static void Check(ScalingLaw law, IReadOnlyList<DesignCandidate> candidates)
    {
        foreach (var c in candidates)
        {
            foreach (var v in law.Variables)
            {
                if (!Quantity.IsPositive(c.Point.Get(v))) throw new ArgumentException($"candidate {c.Row}: {v} = {Quantity.Format(c.Point.Get(v))} is not a positive finite number");
            }
            if (!Quantity.IsPositive(c.Cost)) throw new ArgumentException($"candidate {c.Row}: the cost {Quantity.Format(c.Cost)} is not a positive finite number");
        }
    }

    private static DesignCandidate Make(int row, string id, Observation point, CostExpression? cost)
    {
        double c = (cost ?? CostExpression.Default).Evaluate(point);
        if (!Quantity.IsPositive(c)) throw new ArgumentException($"the cost of {id} is {Quantity.Format(c)}, not a positive finite number");
        return new DesignCandidate(row, id, point with { Row = row + 1 }, c);
    }

    private static string Short(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static string? Id(Observation o)
    {
        if (o.RunId is not null) return o.RunId;
        foreach (var (key, value) in o.Tags)
        {
            if (string.Equals(key.Trim(), "id", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value)) return value.Trim();
        }
        return null;
    }

    private static double CostFromColumn(ObservationSet points, Observation o, string column)
    {
        foreach (var (key, value) in o.Tags)
        {
            if (!string.Equals(key.Trim(), column.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
            if (string.IsNullOrWhiteSpace(value)) throw new InputDataException(points.Source, o.Row, key, "the cost cell is empty; a positive number is required");
            if (!double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var c))
            {
                throw new InputDataException(points.Source, o.Row, key, $"'{value.Trim()}' is not a number (write costs like 3e21)");
            }
            if (!Quantity.IsPositive(c)) throw new InputDataException(points.Source, o.Row, key, $"{value.Trim()} is not a positive finite cost");
            return c;
        }
        // A cost column that the reader took as a scale variable (C, compute, flops, …) is that variable.
        foreach (var role in new[] { ColumnRole.Compute, ColumnRole.Parameters, ColumnRole.Tokens, ColumnRole.UniqueTokens })
        {
            if (ColumnAliases.Matches(role, column)) return o.Get(role switch
            {
                ColumnRole.Compute => ScaleVariable.Compute,
                ColumnRole.Parameters => ScaleVariable.Parameters,
                ColumnRole.Tokens => ScaleVariable.Tokens,
                _ => ScaleVariable.UniqueTokens,
            });
        }
        var kept = string.Join(", ", o.Tags.Keys.Select(k => $"'{k}'"));
        throw new InputDataException(points.Source, null, column.Trim(), $"no such cost column (columns besides the scale variables: {(kept.Length == 0 ? "none" : kept)})");
    }
}
