namespace ScaleLab.Quantities;

/// <summary>A number of model parameters N (total, non-embedding or active, as the field it sits in says). Always finite and &gt; 0.</summary>
public readonly record struct ParameterCount : IComparable<ParameterCount>
{
    private ParameterCount(double value) => Value = value;

    /// <summary>The count as a double (counts reach 1e28, beyond long for FLOPs).</summary>
    public double Value { get; }

    /// <summary>Natural logarithm of the value, the scale every law is fitted on.</summary>
    public double Log => Math.Log(Value);

    /// <summary>Creates a ParameterCount, rejecting NaN, infinities, zero and negative values.</summary>
    public static ParameterCount Of(double value) => new(Quantity.RequirePositive(value, "parameters"));

    /// <inheritdoc />
    public int CompareTo(ParameterCount other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => Quantity.Format(Value);
}
