using ScaleLab.Quantities;

namespace ScaleLab.Planning;

/// <summary>
/// Accelerator figures to turn FLOPs into GPU-hours, money, energy and emissions: hours = C / (peak·MFU) / 3600,
/// cost = hours·price (Sardana &amp; Frankle 2023 eq. 5 for one phase), energy in kWh = hours · device power (kW) · PUE,
/// emissions in kg CO2e = kWh · grid carbon intensity (the operational-emissions accounting of Patterson et al. 2021,
/// "Carbon Emissions and Large Neural Network Training", §2: energy times the data centre's PUE times the grid's
/// kg CO2e per kWh; embodied emissions of the hardware are not counted).
/// </summary>
public sealed record Hardware
{
    /// <summary>
    /// Creates hardware figures; peak FLOP/s and MFU are validated; the price, the device power, the PUE (power usage
    /// effectiveness, ≥ 1; 1 when not given) and the grid's carbon intensity are optional.
    /// </summary>
    public Hardware(double peakFlopsPerSecond, double mfu, double? pricePerGpuHour = null,
        double? powerWatts = null, double? powerUsageEffectiveness = null, double? gridKgCo2PerKwh = null)
    {
        PeakFlopsPerSecond = Quantity.RequirePositive(peakFlopsPerSecond, "GPU peak FLOP/s");
        if (!(mfu > 0 && mfu <= 1)) throw new ArgumentOutOfRangeException(nameof(mfu), $"MFU {Quantity.Format(mfu)} must be in (0, 1]");
        Mfu = mfu;
        if (pricePerGpuHour is { } p) Quantity.RequirePositive(p, "price per GPU-hour");
        PricePerGpuHour = pricePerGpuHour;
        if (powerWatts is { } w) Quantity.RequirePositive(w, "GPU power (watts)");
        PowerWatts = powerWatts;
        if (powerUsageEffectiveness is { } pue && !(pue >= 1 && double.IsFinite(pue)))
        {
            throw new ArgumentOutOfRangeException(nameof(powerUsageEffectiveness), $"PUE {Quantity.Format(pue)} must be a finite number >= 1 (facility energy / IT energy)");
        }
        if (powerUsageEffectiveness is not null && powerWatts is null) throw new ArgumentException("a PUE needs the GPU power (watts)");
        PowerUsageEffectiveness = powerUsageEffectiveness ?? 1.0;
        if (gridKgCo2PerKwh is { } g && !(g >= 0 && double.IsFinite(g)))
        {
            throw new ArgumentOutOfRangeException(nameof(gridKgCo2PerKwh), $"grid intensity {Quantity.Format(g)} must be a finite number of kg CO2e per kWh, >= 0");
        }
        if (gridKgCo2PerKwh is not null && powerWatts is null) throw new ArgumentException("a grid carbon intensity needs the GPU power (watts)");
        GridKgCo2PerKwh = gridKgCo2PerKwh;
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

    /// <summary>Average power drawn by one GPU while training (watts), when known.</summary>
    public double? PowerWatts { get; }

    /// <summary>Power usage effectiveness of the facility (total facility energy / IT energy; 1 when not given).</summary>
    public double PowerUsageEffectiveness { get; }

    /// <summary>Carbon intensity of the electricity (kg CO2e per kWh), when known.</summary>
    public double? GridKgCo2PerKwh { get; }

    /// <summary>Facility energy to execute <paramref name="flops"/> in kWh (GPU-hours · kW · PUE), or null without a power figure.</summary>
    public double? EnergyKwh(double flops) => PowerWatts is { } w ? GpuHours(flops) * w / 1000.0 * PowerUsageEffectiveness : null;

    /// <summary>Operational emissions of <paramref name="flops"/> in kg CO2e (kWh · grid intensity), or null without both figures.</summary>
    public double? EmissionsKgCo2e(double flops) => EnergyKwh(flops) is { } e && GridKgCo2PerKwh is { } g ? e * g : null;

    /// <summary>
    /// <paramref name="plan"/> with the figures it does not yet carry: GPU-hours and cost of its training compute, energy
    /// and emissions of its total compute (training plus inference where planned).
    /// </summary>
    public Plan Price(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        double total = plan.TotalCompute ?? plan.Compute;
        return plan with
        {
            GpuHours = plan.GpuHours ?? GpuHours(plan.Compute),
            Cost = plan.Cost ?? Cost(plan.Compute),
            EnergyKwh = plan.EnergyKwh ?? EnergyKwh(total),
            EmissionsKgCo2e = plan.EmissionsKgCo2e ?? EmissionsKgCo2e(total),
        };
    }
}
