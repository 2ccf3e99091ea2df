namespace ScaleLab.Formulas.Starts;

/// <summary>
/// Starts for a multistart fit of a formula law without a hand-made grid: the law's named starts, then
/// a space-filling Sobol sample of the start ranges (a random shift modulo 1 chosen by the seed, so
/// every seed gives a different but reproducible design), spread in log space for parameters that
/// search there. Fixed parameters keep their value in every start.
/// </summary>
public static class StartDesign
{
    /// <summary>Makes the starts.</summary>
    /// <param name="parameters">Every parameter, in θ order.</param>
    /// <param name="count">How many space-filling points (in addition to the named starts).</param>
    /// <param name="seed">Chooses the shift of the Sobol points.</param>
    /// <param name="named">The law's named starts, first in the result.</param>
    /// <exception cref="ArgumentException">A free parameter lacks a finite start range, or a log-space one is not positive, or a named start is outside the bounds.</exception>
    public static IReadOnlyList<FormulaStart> Generate(IReadOnlyList<FormulaParameter> parameters, int count, int seed, IReadOnlyList<NamedStart>? named = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var free = new List<int>();
        for (int j = 0; j < parameters.Count; j++)
        {
            if (parameters[j].Fixed is null) { Check(parameters[j]); free.Add(j); }
        }
        var starts = new List<FormulaStart>();
        foreach (var start in named ?? []) starts.Add(FromNamed(parameters, start));
        if (count == 0 || free.Count == 0) return starts;
        if (free.Count > SobolSequence.MaxDimensions)
        {
            throw new ArgumentException($"the start design handles at most {SobolSequence.MaxDimensions} free parameters; the law has {free.Count} (fix some).");
        }
        var sobol = new SobolSequence(free.Count);
        var random = new Random(seed);
        var shift = new double[free.Count];
        for (int k = 0; k < shift.Length; k++) shift[k] = random.NextDouble();
        for (int s = 0; s < count; s++)
        {
            var u = sobol.Next();
            var values = Middle(parameters);
            for (int k = 0; k < free.Count; k++)
            {
                double v = u[k] + shift[k];
                values[free[k]] = Map(parameters[free[k]], v - Math.Floor(v));
            }
            starts.Add(new FormulaStart($"sobol {s + 1}", values));
        }
        return starts;
    }

    /// <summary>The point at fraction <paramref name="u"/> ∈ [0, 1) of a parameter's start range (geometric in log space).</summary>
    public static double Map(FormulaParameter parameter, double u)
    {
        var (lo, hi) = parameter.StartRange;
        return parameter.SearchesInLogSpace ? Math.Exp(Math.Log(lo) + u * (Math.Log(hi) - Math.Log(lo))) : lo + u * (hi - lo);
    }

    private static void Check(FormulaParameter p)
    {
        var (lo, hi) = p.StartRange;
        if (!double.IsFinite(lo) || !double.IsFinite(hi))
        {
            throw new ArgumentException($"parameter '{p.Name}' needs a finite range for the start search (it has [{Show(lo)}, {Show(hi)}]): " +
                $"give lower and upper bounds, or a start range (start = [lo, hi] in a law file, --bound {p.Name}=LO:HI on the command line).");
        }
        if (!(lo <= hi)) throw new ArgumentException($"parameter '{p.Name}': the start range [{Show(lo)}, {Show(hi)}] is empty.");
        if (p.SearchesInLogSpace && !(lo > 0))
        {
            throw new ArgumentException($"parameter '{p.Name}' is searched in log space, but its start range [{Show(lo)}, {Show(hi)}] is not positive: " +
                $"give a positive start range, e.g. start = [{Show(Math.Max(hi, 1) * 1e-6)}, {Show(hi)}].");
        }
    }

    private static FormulaStart FromNamed(IReadOnlyList<FormulaParameter> parameters, NamedStart start)
    {
        var values = Middle(parameters);
        foreach (var (name, value) in start.Values)
        {
            int j = IndexOf(parameters, name);
            if (j < 0)
            {
                throw new ArgumentException($"start '{start.Name}' sets '{name}', which is not a parameter" +
                    (NearMisses.Hint(name, parameters.Select(p => p.Name)) is { } hint ? $"; {hint}" : $" (the parameters are {string.Join(", ", parameters.Select(p => p.Name))})."));
            }
            var p = parameters[j];
            if (p.Fixed is not null) throw new ArgumentException($"start '{start.Name}' sets '{name}', which is fixed at {Show(p.Fixed.Value)}.");
            if (!(value >= p.Lower && value <= p.Upper))
            {
                throw new ArgumentException($"start '{start.Name}' puts '{name}' at {Show(value)}, outside its bounds [{Show(p.Lower)}, {Show(p.Upper)}].");
            }
            values[j] = value;
        }
        return new FormulaStart(start.Name, values);
    }

    // Fixed values, and the middle of each start range (geometric in log space) for the rest.
    private static double[] Middle(IReadOnlyList<FormulaParameter> parameters)
    {
        var values = new double[parameters.Count];
        for (int j = 0; j < values.Length; j++)
        {
            var p = parameters[j];
            var (lo, hi) = p.StartRange;
            values[j] = p.Fixed ?? (double.IsFinite(lo) && double.IsFinite(hi) ? Map(p, 0.5) : double.NaN);
        }
        return values;
    }

    private static int IndexOf(IReadOnlyList<FormulaParameter> parameters, string name)
    {
        for (int j = 0; j < parameters.Count; j++) if (parameters[j].Name == name) return j;
        return -1;
    }

    private static string Show(double value) => FormulaPrinter.Number(value);
}
