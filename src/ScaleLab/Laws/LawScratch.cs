using System.Buffers;

namespace ScaleLab.Laws;

/// <summary>
/// Pooled work rows for <see cref="ScalingLaw.EvaluateLog"/> when the caller passes no Jacobian
/// (predictions): laws keep intermediate terms in the Jacobian rows when there is one, and borrow
/// these otherwise, so evaluation never allocates per call.
/// </summary>
internal readonly struct LawScratch : IDisposable
{
    private readonly double[] _buffer;
    private readonly int _rowLength;

    private LawScratch(int rows, int rowLength)
    {
        _rowLength = rowLength;
        _buffer = ArrayPool<double>.Shared.Rent(Math.Max(1, rows * rowLength));
    }

    /// <summary>Borrows <paramref name="rows"/> rows of <paramref name="rowLength"/> doubles.</summary>
    public static LawScratch Rent(int rows, int rowLength) => new(rows, rowLength);

    /// <summary>The first <paramref name="count"/> rows as one span.</summary>
    public Span<double> Rows(int count) => _buffer.AsSpan(0, count * _rowLength);

    /// <summary>Row <paramref name="index"/>.</summary>
    public Span<double> Row(int index) => _buffer.AsSpan(index * _rowLength, _rowLength);

    /// <summary>Returns the rows to the pool (a default instance holds none).</summary>
    public void Dispose()
    {
        if (_buffer is not null) ArrayPool<double>.Shared.Return(_buffer);
    }
}
