using System.CommandLine;
using ScaleLab.Planning;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// The accelerator options shared by <c>plan</c> and <c>report</c>: peak FLOP/s, MFU and price turn a plan's FLOPs
/// into GPU-hours and cost; the device power, the facility's PUE and the grid's carbon intensity into energy and
/// emissions.
/// </summary>
internal sealed class HardwareOptions
{
    public Option<double?> GpuFlops { get; } = new("--gpu-flops") { Description = "peak FLOP/s per GPU (e.g. 989e12)" };

    public Option<double> Mfu { get; } = new("--mfu") { Description = "model FLOP utilisation (0-1]", DefaultValueFactory = _ => 0.4 };

    public Option<double?> Price { get; } = new("--price-per-gpu-hour") { Description = "price of one GPU-hour" };

    public Option<double?> PowerWatts { get; } = new("--gpu-power-watts") { Description = "average power of one GPU while training, in watts (e.g. 700): energy in kWh" };

    public Option<double?> Pue { get; } = new("--pue") { Description = "power usage effectiveness of the data centre, >= 1 (default 1): energy × PUE" };

    public Option<double?> GridIntensity { get; } = new("--grid-kgco2-per-kwh") { Description = "carbon intensity of the electricity, kg CO2e per kWh (e.g. 0.4): emissions" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { GpuFlops, Mfu, Price, PowerWatts, Pue, GridIntensity }) command.Options.Add(option);
    }

    /// <summary>The hardware figures given, or null without <c>--gpu-flops</c>; options that need it are bad input without it.</summary>
    public Hardware? Read(ParseResult parse)
    {
        var flops = parse.GetValue(GpuFlops);
        var power = parse.GetValue(PowerWatts);
        foreach (var (option, given, needs, present) in new (Option, bool, Option, bool)[]
        {
            (Price, parse.GetValue(Price) is not null, GpuFlops, flops is not null),
            (PowerWatts, power is not null, GpuFlops, flops is not null),
            (Pue, parse.GetValue(Pue) is not null, PowerWatts, power is not null),
            (GridIntensity, parse.GetValue(GridIntensity) is not null, PowerWatts, power is not null),
        })
        {
            if (given && !present) throw new ArgumentException($"{option.Name} needs {needs.Name}");
        }
        if (flops is null) return null;
        try
        {
            return new Hardware(flops.Value, parse.GetValue(Mfu), parse.GetValue(Price), power, parse.GetValue(Pue), parse.GetValue(GridIntensity));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException(e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal));
        }
    }
}
