namespace ScaleLab.Design;

/// <summary>The settings of a design simulation (<see cref="DesignSimulation"/>).</summary>
public sealed record DesignSimulationOptions
{
    /// <summary>The studies simulated (default: <see cref="DesignScenarios.All"/>).</summary>
    public IReadOnlyList<DesignScenario> Scenarios { get; init; } = DesignScenarios.All();

    /// <summary>Budgets as fractions of each pool's total cost.</summary>
    public IReadOnlyList<double> Fractions { get; init; } = [0.01, 0.05, 0.1];

    /// <summary>Simulated data sets per study.</summary>
    public int Replicates { get; init; } = 20;

    /// <summary>The strategies compared.</summary>
    public IReadOnlyList<SelectionStrategy> Strategies { get; init; } = Enum.GetValues<SelectionStrategy>();

    /// <summary>Seed of the noise and of every strategy: the result is fixed by it.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Grid starts of the basin search at every step of the model-based strategies (plus the previous step's basins).</summary>
    public int BasinStarts { get; init; } = 8;

    /// <summary>Simulated outcomes for ScaleLab's between-basin score.</summary>
    public int OutcomeSamples { get; init; } = 256;

    /// <summary>ScaleLab's cost power (null: its default, see <see cref="DesignOptions.CostPower"/>).</summary>
    public double? CostPower { get; init; }

    /// <summary>Worker threads (null: one per core). The result does not depend on it.</summary>
    public int? Parallelism { get; init; }
}
