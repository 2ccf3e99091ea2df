namespace ScaleLab.Design;

/// <summary>The pool indices a strategy trained, in order (the initial runs first), and what they cost.</summary>
/// <param name="Order">Pool indices in the order trained.</param>
/// <param name="CumulativeCost">Total cost after each of them.</param>
public sealed record SequentialRun(IReadOnlyList<int> Order, IReadOnlyList<double> CumulativeCost)
{
    /// <summary>What all of them cost.</summary>
    public double Spent => CumulativeCost.Count == 0 ? 0 : CumulativeCost[^1];

    /// <summary>The runs trained by the time <paramref name="cost"/> was spent (the longest prefix within it).</summary>
    public IReadOnlyList<int> Within(double cost)
    {
        int k = 0;
        while (k < Order.Count && CumulativeCost[k] <= cost * (1 + 1e-12)) k++;
        return Order.Take(k).ToArray();
    }
}
