namespace ScaleLab.Studies;

/// <summary>How a regime's measured exponent stands against the theory's, given what finite sizes are expected to do.</summary>
public enum TheoryAgreement
{
    /// <summary>No exponent was measured (fewer than two distinct sizes).</summary>
    NoFit,

    /// <summary>The theory's exponent lies inside the measured interval.</summary>
    Agrees,

    /// <summary>The interval misses the theory's exponent on the side the regime's finite-size effect pushes it.</summary>
    FiniteSizeBias,

    /// <summary>The interval misses the theory's exponent on the side opposite to the expected finite-size bias.</summary>
    AgainstFiniteSizeBias,

    /// <summary>The interval misses the theory's exponent and the regime records no finite-size expectation.</summary>
    Unexplained,
}
