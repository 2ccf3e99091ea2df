namespace ScaleLab.Formulas.Compilation;

/// <summary>An operand of a vector step for one block: a span of row values or one number for every row.</summary>
internal readonly ref struct Arg
{
    public Arg(ReadOnlySpan<double> span)
    {
        Span = span;
        IsSpan = true;
        Scalar = 0;
    }

    public Arg(double scalar)
    {
        Span = default;
        IsSpan = false;
        Scalar = scalar;
    }

    public ReadOnlySpan<double> Span { get; }

    public double Scalar { get; }

    public bool IsSpan { get; }

    public double this[int i] => IsSpan ? Span[i] : Scalar;

    /// <summary>Copies the operand's values for the block into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<double> destination)
    {
        if (IsSpan) Span.CopyTo(destination);
        else destination.Fill(Scalar);
    }
}
