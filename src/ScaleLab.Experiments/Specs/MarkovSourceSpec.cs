namespace ScaleLab.Experiments.Specs;

/// <summary>
/// A random sparse first-order Markov source over a vocabulary of V symbols: each state moves to
/// <paramref name="Branching"/> successors chosen at random, with Dirichlet(<paramref name="Concentration"/>)
/// probabilities. Its entropy rate H is computed exactly from the stationary distribution, so a
/// language model's loss floor E is known in advance.
/// </summary>
/// <param name="Vocabulary">V, the number of symbols (tokens).</param>
/// <param name="Branching">Successors per state (1 ≤ k ≤ V).</param>
/// <param name="Concentration">Dirichlet concentration of each row's probabilities.</param>
/// <param name="Seed">Seed of the transition matrix.</param>
public sealed record MarkovSourceSpec(int Vocabulary = 32, int Branching = 4, double Concentration = 1.0, long Seed = 7)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (Vocabulary < 2) throw new ArgumentException($"vocabulary must be ≥ 2 (got {Vocabulary})", nameof(Vocabulary));
        if (Branching < 1 || Branching > Vocabulary) throw new ArgumentException($"branching must be in 1..vocabulary={Vocabulary} (got {Branching})", nameof(Branching));
        if (!double.IsFinite(Concentration) || Concentration <= 0) throw new ArgumentException($"concentration must be positive (got {Concentration})", nameof(Concentration));
    }
}
