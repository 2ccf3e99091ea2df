using System.Globalization;
using ScaleLab.Laws;

namespace ScaleLab.Fitting;

/// <summary>
/// Maps the free vector u the optimizer moves to a law's full internal θ, honouring fixed values
/// (<c>--fix alpha=0.34</c>) and ties (<c>--tie alpha=beta</c>: one free coordinate feeds both).
/// </summary>
public sealed class ParameterMap
{
    private readonly int[] _index;      // θ_j ← u[_index[j]], or −1 when fixed
    private readonly double[] _fixed;   // internal value when fixed

    private ParameterMap(ScalingLaw law, int[] index, double[] fixedValues, int freeCount)
    {
        Law = law;
        _index = index;
        _fixed = fixedValues;
        FreeCount = freeCount;
        var lower = new double[freeCount];
        var upper = new double[freeCount];
        for (int i = 0; i < freeCount; i++)
        {
            lower[i] = double.NegativeInfinity;
            upper[i] = double.PositiveInfinity;
        }
        for (int j = 0; j < index.Length; j++)
        {
            if (index[j] < 0) continue;
            lower[index[j]] = Math.Max(lower[index[j]], law.Parameters[j].InternalLower);
            upper[index[j]] = Math.Min(upper[index[j]], law.Parameters[j].InternalUpper);
        }
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The law mapped.</summary>
    public ScalingLaw Law { get; }

    /// <summary>Number of free coordinates.</summary>
    public int FreeCount { get; }

    /// <summary>Lower bounds of the free coordinates.</summary>
    public double[] Lower { get; }

    /// <summary>Upper bounds of the free coordinates.</summary>
    public double[] Upper { get; }

    /// <summary>True when θ_j is fixed.</summary>
    public bool IsFixed(int j) => _index[j] < 0;

    /// <summary>Index of the free coordinate behind θ_j, or −1.</summary>
    public int FreeIndex(int j) => _index[j];

    /// <summary>
    /// Builds a map. <paramref name="fixedValues"/> are in published units (they come before the values the law itself
    /// fixes, <see cref="LawParameter.Fixed"/>); each tie names parameters sharing one value.
    /// </summary>
    public static ParameterMap Create(ScalingLaw law, IReadOnlyDictionary<string, double>? fixedValues = null, IReadOnlyList<IReadOnlyList<string>>? ties = null,
        IReadOnlyDictionary<string, (double Lower, double Upper)>? bounds = null)
    {
        int p = law.Parameters.Count;
        fixedValues = WithLawFixed(law, fixedValues);
        var index = new int[p];
        var fixedInternal = new double[p];
        var group = new int[p];
        for (int j = 0; j < p; j++) group[j] = j;
        foreach (var tie in ties ?? [])
        {
            var members = tie.Select(name => Resolve(law, name)).ToArray();
            if (members.Length < 2) throw new ArgumentException("a tie needs at least two parameters, e.g. alpha=beta");
            foreach (var m in members)
            {
                if (law.Parameters[m].Transform != law.Parameters[members[0]].Transform)
                {
                    throw new ArgumentException($"cannot tie '{law.Parameters[members[0]].Name}' and '{law.Parameters[m].Name}': one is a scale and one an exponent");
                }
                group[m] = group[members[0]];
            }
        }
        var isFixed = new bool[p];
        foreach (var (name, value) in fixedValues ?? new Dictionary<string, double>())
        {
            int j = Resolve(law, name);
            var par = law.Parameters[j];
            if (!double.IsFinite(value) || (par.Transform == ParameterTransform.Log && value <= 0))
            {
                throw new ArgumentException($"cannot fix '{par.Name}' at {value.ToString(CultureInfo.InvariantCulture)}: it must be {(par.Transform == ParameterTransform.Log ? "a positive" : "a finite")} number");
            }
            for (int k = 0; k < p; k++)
            {
                if (group[k] == group[j]) { isFixed[k] = true; fixedInternal[k] = law.Parameters[k].ToInternal(value); }
            }
        }
        int free = 0;
        var groupToFree = new Dictionary<int, int>();
        for (int j = 0; j < p; j++)
        {
            if (isFixed[j]) { index[j] = -1; continue; }
            if (!groupToFree.TryGetValue(group[j], out var f)) { f = free++; groupToFree[group[j]] = f; }
            index[j] = f;
        }
        var map = new ParameterMap(law, index, fixedInternal, free);
        foreach (var (name, (lo, hi)) in bounds ?? new Dictionary<string, (double, double)>())
        {
            int j = Resolve(law, name);
            if (index[j] < 0) continue;
            var par = law.Parameters[j];
            if (!(lo < hi)) throw new ArgumentException($"bounds for '{par.Name}' must have lower < upper");
            map.Lower[index[j]] = Math.Max(map.Lower[index[j]], par.Transform == ParameterTransform.Log ? (lo > 0 ? Math.Log(lo) : double.NegativeInfinity) : lo);
            map.Upper[index[j]] = Math.Min(map.Upper[index[j]], par.Transform == ParameterTransform.Log ? Math.Log(hi) : hi);
        }
        return map;
    }

    /// <summary>Writes θ for a free vector u.</summary>
    public void Expand(ReadOnlySpan<double> u, Span<double> theta)
    {
        for (int j = 0; j < _index.Length; j++) theta[j] = _index[j] < 0 ? _fixed[j] : u[_index[j]];
    }

    /// <summary>Accumulates ∂J/∂θ into ∂J/∂u.</summary>
    public void Contract(ReadOnlySpan<double> thetaGradient, Span<double> uGradient)
    {
        uGradient.Clear();
        for (int j = 0; j < _index.Length; j++) if (_index[j] >= 0) uGradient[_index[j]] += thetaGradient[j];
    }

    /// <summary>The free vector for a full θ (the first member of each tie wins), clamped to the bounds.</summary>
    public double[] Project(ReadOnlySpan<double> theta)
    {
        var u = new double[FreeCount];
        var seen = new bool[FreeCount];
        for (int j = 0; j < _index.Length; j++)
        {
            int f = _index[j];
            if (f >= 0 && !seen[f]) { u[f] = Math.Clamp(theta[j], Lower[f], Upper[f]); seen[f] = true; }
        }
        return u;
    }

    private static IReadOnlyDictionary<string, double>? WithLawFixed(ScalingLaw law, IReadOnlyDictionary<string, double>? fixedValues)
    {
        Dictionary<string, double>? merged = null;
        foreach (var parameter in law.Parameters)
        {
            if (parameter.Fixed is not { } value) continue;
            bool given = false;
            foreach (var name in fixedValues?.Keys ?? []) given |= law.IndexOf(name.Trim()) == law.IndexOf(parameter.Name);
            if (given) continue;
            merged ??= new Dictionary<string, double>(fixedValues ?? new Dictionary<string, double>(), StringComparer.Ordinal);
            merged[parameter.Name] = value;
        }
        return merged ?? fixedValues;
    }

    private static int Resolve(ScalingLaw law, string name)
    {
        int j = law.IndexOf(name.Trim());
        if (j < 0)
        {
            throw new ArgumentException($"law '{law.Name}' has no parameter '{name.Trim()}' (has: {string.Join(", ", law.Parameters.Select(x => x.Name))})");
        }
        return j;
    }
}
