namespace ScaleLab.Quantities;

/// <summary>Training or inference compute C in floating-point operations. Always finite and &gt; 0.</summary>
public readonly record struct Flops : IComparable<Flops>
{
    private Flops(double value) => Value = value;

    /// <summary>The count as a double (counts reach 1e28, beyond long for FLOPs).</summary>
    public double Value { get; }

    /// <summary>Natural logarithm of the value, the scale every law is fitted on.</summary>
    public double Log => Math.Log(Value);

    /// <summary>Creates a Flops, rejecting NaN, infinities, zero and negative values.</summary>
    public static Flops Of(double value) => new(Quantity.RequirePositive(value, "FLOPs"));

    /// <inheritdoc />
    public int CompareTo(Flops other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => Quantity.Format(Value);
}
