namespace ScaleLab.Formulas;

/// <summary>What a column holds, for checking a row predicate.</summary>
public enum PredicateColumnKind
{
    /// <summary>Numbers: usable in arithmetic and every comparison.</summary>
    Number,

    /// <summary>Text (a tag such as a model family): comparable with == and != to quoted text or another text column.</summary>
    Text,
}
