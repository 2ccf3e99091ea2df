using System.Text.Json;
using ScaleLab.Planning;
using ScaleLab.Tests.Cli;

namespace ScaleLab.Tests.Planning;

public sealed class HardwareEnergyTests
{
    // Patterson et al. 2021, "Carbon Emissions and Large Neural Network Training", Table 4, GPT-3: 3.14e23 training
    // FLOPs on 10,000 V100s for 14.8 days (355.2 h), 330 W average per processor, PUE 1.10, 0.429 kg CO2e/kWh:
    // 1,287 MWh and 552 t CO2e. The table's rounding (hours, watts) limits agreement to about 0.3 %.
    private const double Gpt3Flops = 3.14e23;
    private const double GpuHours = 10_000 * 355.2;
    private const double V100PeakFlops = 125e12;

    private static Hardware Gpt3Hardware() =>
        new(V100PeakFlops, Gpt3Flops / (GpuHours * 3600 * V100PeakFlops), powerWatts: 330, powerUsageEffectiveness: 1.10, gridKgCo2PerKwh: 0.429);

    [Fact]
    public void EnergyAndEmissions_ReproducePattersonGpt3()
    {
        var hardware = Gpt3Hardware();
        Assert.Equal(GpuHours, hardware.GpuHours(Gpt3Flops), 6);
        Assert.InRange(hardware.EnergyKwh(Gpt3Flops)!.Value / 1000, 1287 * 0.997, 1287 * 1.003);
        Assert.InRange(hardware.EmissionsKgCo2e(Gpt3Flops)!.Value / 1000, 552 * 0.995, 552 * 1.005);
    }

    [Fact]
    public void Energy_WithoutPowerIsUnknown_AndPueDefaultsToOne()
    {
        Assert.Null(new Hardware(989e12, 0.4).EnergyKwh(1e21));
        var hardware = new Hardware(989e12, 0.4, powerWatts: 700);
        Assert.Equal(1e21 / (989e12 * 0.4) / 3600 * 0.7, hardware.EnergyKwh(1e21)!.Value, 9);
        Assert.Null(hardware.EmissionsKgCo2e(1e21));
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Pue_BelowOneOrNotFinite_IsRejected(double pue) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Hardware(989e12, 0.4, powerWatts: 700, powerUsageEffectiveness: pue));

    [Fact]
    public void Planner_CarriesEnergyOfTheTotalCompute()
    {
        var law = new PlanningLaw(ScaleLab.Laws.ChinchillaLaw.Instance, ChinchillaFrontierTests.Named(1.69, 406.4, 410.7, 0.34, 0.28));
        var hardware = new Hardware(989e12, 0.4, 2.0, 700, 1.1, 0.4);
        var plan = ComputeOptimalPlanner.ForCompute(law, 5.76e23, hardware);
        Assert.Equal(hardware.EnergyKwh(plan.Compute)!.Value, plan.EnergyKwh!.Value, 6);
        Assert.Equal(plan.EnergyKwh!.Value * 0.4, plan.EmissionsKgCo2e!.Value, 6);
    }

    [Fact]
    public void PlanCommand_PrintsEnergyAndEmissions()
    {
        var (code, output, error) = CliRunner.Run("plan", "--parameters", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28", "--compute", "5.76e23",
            "--gpu-flops", "989e12", "--mfu", "0.4", "--gpu-power-watts", "700", "--pue", "1.1", "--grid-kgco2-per-kwh", "0.4", "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var plan = doc.RootElement;
        double expected = 5.76e23 / (989e12 * 0.4) / 3600 * 0.7 * 1.1;
        Assert.Equal(expected, plan.GetProperty("energyKwh").GetDouble(), expected * 1e-9);
        Assert.Equal(expected * 0.4, plan.GetProperty("emissionsKgCo2e").GetDouble(), expected * 1e-9);
    }

    [Theory]
    [InlineData("--pue", "1.2", "--gpu-power-watts")]
    [InlineData("--grid-kgco2-per-kwh", "0.4", "--gpu-power-watts")]
    [InlineData("--gpu-power-watts", "700", "--gpu-flops")]
    public void PlanCommand_EnergyOptionWithoutWhatItNeeds_IsBadInput(string option, string value, string needed)
    {
        var args = new List<string> { "plan", "--parameters", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28", "--compute", "1e22", option, value };
        if (needed != "--gpu-flops") args.AddRange(["--gpu-flops", "989e12"]);
        var (code, _, error) = CliRunner.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(option, error);
        Assert.Contains(needed, error);
    }

    [Fact]
    public void PlanCommand_PueBelowOne_IsBadInput()
    {
        var (code, _, error) = CliRunner.Run("plan", "--parameters", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28", "--compute", "1e22",
            "--gpu-flops", "989e12", "--gpu-power-watts", "700", "--pue", "0.5");
        Assert.Equal(2, code);
        Assert.Contains("PUE", error);
    }
}
