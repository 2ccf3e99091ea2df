namespace ScaleLab.Formulas.Compilation;

/// <summary>An operand of a vector step for one block: a span of row values or one number for every row.</summary>
internal readonly ref struct Arg
{
    public Arg(ReadOnlySpan<double> span, bool knownPositive = false)
    {
        Span = span;
        IsSpan = true;
        Scalar = 0;
        KnownPositive = knownPositive;
    }

    public Arg(double scalar)
    {
        Span = default;
        IsSpan = false;
        Scalar = scalar;
        KnownPositive = scalar > 0;
    }

    public ReadOnlySpan<double> Span { get; }

    public double Scalar { get; }

    public bool IsSpan { get; }

    /// <summary>True when every value is known to be positive (a data column checked at binding), so powers need no fix-up pass.</summary>
    public bool KnownPositive { get; }

    public double this[int i] => IsSpan ? Span[i] : Scalar;

    /// <summary>Copies the operand's values for the block into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<double> destination)
    {
        if (IsSpan) Span.CopyTo(destination);
        else destination.Fill(Scalar);
    }
}
