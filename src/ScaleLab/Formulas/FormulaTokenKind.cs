namespace ScaleLab.Formulas;

/// <summary>Kinds of lexical tokens of the formula language.</summary>
internal enum FormulaTokenKind
{
    End,
    Number,
    Identifier,
    Text,
    Plus,
    Minus,
    Star,
    Slash,
    Power,
    LeftParen,
    RightParen,
    Comma,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}
