using ScaleLab.Quantities;

namespace ScaleLab.Planning;

/// <summary>
/// Accelerator figures to turn FLOPs into GPU-hours and money: hours = C / (peak·MFU) / 3600,
/// cost = hours·price (Sardana &amp; Frankle 2023 eq. 5 for one phase).
/// </summary>
public sealed record Hardware
{
    /// <summary>Creates hardware figures; peak FLOP/s and MFU are validated, the price is optional.</summary>
    public Hardware(double peakFlopsPerSecond, double mfu, double? pricePerGpuHour = null)
    {
        PeakFlopsPerSecond = Quantity.RequirePositive(peakFlopsPerSecond, "GPU peak FLOP/s");
        if (!(mfu > 0 && mfu <= 1)) throw new ArgumentOutOfRangeException(nameof(mfu), $"MFU {Quantity.Format(mfu)} must be in (0, 1]");
        Mfu = mfu;
        if (pricePerGpuHour is { } p) Quantity.RequirePositive(p, "price per GPU-hour");
        PricePerGpuHour = pricePerGpuHour;
    }

    /// <summary>Peak FLOP/s of one GPU (e.g. 989e12 for an H100 in BF16 dense).</summary>
    public double PeakFlopsPerSecond { get; }

    /// <summary>Model FLOP utilisation actually achieved (0–1].</summary>
    public double Mfu { get; }

    /// <summary>Price per GPU-hour, when known.</summary>
    public double? PricePerGpuHour { get; }

    /// <summary>GPU-hours to execute <paramref name="flops"/>.</summary>
    public double GpuHours(double flops) => flops / (PeakFlopsPerSecond * Mfu) / 3600.0;

    /// <summary>Cost of <paramref name="flops"/>, or null without a price.</summary>
    public double? Cost(double flops) => PricePerGpuHour is { } p ? GpuHours(flops) * p : null;
}
