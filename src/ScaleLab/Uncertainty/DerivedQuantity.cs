using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Quantities;

namespace ScaleLab.Uncertainty;

/// <summary>
/// A quantity computed from a law's parameters (internal coordinates θ), so that intervals can be
/// given for it from the same bootstrap replicates or profile as the parameters themselves.
/// </summary>
/// <param name="Name">Key in tables and JSON, e.g. <c>a</c>, <c>tokens_per_parameter</c>.</param>
/// <param name="Description">One line for people.</param>
/// <param name="Evaluate">θ (internal coordinates, full vector) → value.</param>
public sealed record DerivedQuantity(string Name, string Description, Func<double[], double> Evaluate)
{
    /// <summary>
    /// The derived quantities a law supports. Any law with parameters named E, A, B, alpha, beta in
    /// the Chinchilla form gets the compute-optimal frontier of Hoffmann et al. 2022 eq. 4:
    /// a = β/(α+β), b = α/(α+β), G = (αA/(βB))^{1/(α+β)}, and at <paramref name="budget"/> FLOPs
    /// N_opt = G (C/6)^a, D_opt = G⁻¹ (C/6)^b and tokens per parameter D_opt/N_opt = G⁻² (C/6)^{b−a}.
    /// Other laws get none.
    /// </summary>
    public static IReadOnlyList<DerivedQuantity> ForLaw(ScalingLaw law, double? budget = null)
    {
        var list = FrontierQuantities(law, budget);
        if (law is FormulaScalingLaw formula)
        {
            // A law file's own quantities, by name, each from the published values of θ.
            foreach (var d in formula.Definition.Derived)
            {
                string name = d.Name;
                if (list.Exists(q => q.Name == name)) continue;
                list.Add(new(name, $"{name} = {d.Text} (from the law file)", t => formula.DerivedValues(formula.ToNamed(t))[name]));
            }
        }
        return list;
    }

    private static List<DerivedQuantity> FrontierQuantities(ScalingLaw law, double? budget)
    {
        int iA = law.IndexOf("A"), iB = law.IndexOf("B"), iAlpha = law.IndexOf("alpha"), iBeta = law.IndexOf("beta");
        if (iA < 0 || iB < 0 || iAlpha < 0 || iBeta < 0 || law.IndexOf("E") < 0) return [];
        var ps = law.Parameters;
        (double A, double B, double G) Frontier(double[] t) => DerivedQuantities.ChinchillaFrontier(
            ps[iA].FromInternal(t[iA]), ps[iB].FromInternal(t[iB]), ps[iAlpha].FromInternal(t[iAlpha]), ps[iBeta].FromInternal(t[iBeta]));
        var list = new List<DerivedQuantity>
        {
            new("a", "compute-optimal parameter exponent N_opt ∝ C^a, a = beta/(alpha+beta)", t => Frontier(t).A),
            new("b", "compute-optimal data exponent D_opt ∝ C^b, b = alpha/(alpha+beta)", t => Frontier(t).B),
            new("G", "frontier constant G = (alpha A/(beta B))^(1/(alpha+beta))", t => Frontier(t).G),
        };
        if (budget is { } c)
        {
            if (!(c > 0) || !double.IsFinite(c)) throw new ArgumentOutOfRangeException(nameof(budget), "the compute budget must be a positive number of FLOPs");
            double c6 = c / 6;
            string at = Quantity.Format(c, 3);
            list.Add(new("N_opt", $"compute-optimal parameters at C = {at} FLOPs", t => { var f = Frontier(t); return f.G * Math.Pow(c6, f.A); }));
            list.Add(new("D_opt", $"compute-optimal tokens at C = {at} FLOPs", t => { var f = Frontier(t); return Math.Pow(c6, f.B) / f.G; }));
            list.Add(new("tokens_per_parameter", $"D_opt/N_opt at C = {at} FLOPs", t => { var f = Frontier(t); return Math.Pow(c6, f.B - f.A) / (f.G * f.G); }));
        }
        return list;
    }

    /// <summary>The law's prediction at one point, as a derived quantity (for intervals on <c>predict</c> output).</summary>
    public static DerivedQuantity Prediction(ScalingLaw law, ScalingData point, string name) =>
        new(name, "predicted metric", t => law.Predict(t, point)[0]);
}
