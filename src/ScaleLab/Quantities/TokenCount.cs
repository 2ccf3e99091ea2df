namespace ScaleLab.Quantities;

/// <summary>A number of training tokens or samples D. Always finite and &gt; 0.</summary>
public readonly record struct TokenCount : IComparable<TokenCount>
{
    private TokenCount(double value) => Value = value;

    /// <summary>The count as a double (counts reach 1e28, beyond long for FLOPs).</summary>
    public double Value { get; }

    /// <summary>Natural logarithm of the value, the scale every law is fitted on.</summary>
    public double Log => Math.Log(Value);

    /// <summary>Creates a TokenCount, rejecting NaN, infinities, zero and negative values.</summary>
    public static TokenCount Of(double value) => new(Quantity.RequirePositive(value, "tokens"));

    /// <inheritdoc />
    public int CompareTo(TokenCount other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => Quantity.Format(Value);
}
