namespace ScaleLab.Formulas;

/// <summary>What a node of a parsed formula or predicate is.</summary>
public enum FormulaNodeKind
{
    /// <summary>A numeric literal (<see cref="FormulaNode.Value"/>).</summary>
    Number,

    /// <summary>A name: a variable, a parameter or a definition (<see cref="FormulaNode.Name"/>).</summary>
    Symbol,

    /// <summary>A quoted text literal (predicates only; <see cref="FormulaNode.Name"/> holds the text).</summary>
    Text,

    /// <summary>Unary minus.</summary>
    Negate,

    /// <summary><c>a + b</c>.</summary>
    Add,

    /// <summary><c>a - b</c>.</summary>
    Subtract,

    /// <summary><c>a * b</c>.</summary>
    Multiply,

    /// <summary><c>a / b</c>.</summary>
    Divide,

    /// <summary><c>a ^ b</c> (also written <c>a ** b</c>).</summary>
    Power,

    /// <summary>A function call (<see cref="FormulaNode.Name"/> and the arguments).</summary>
    Call,

    /// <summary><c>a &lt; b</c> (predicates).</summary>
    Less,

    /// <summary><c>a &lt;= b</c> (predicates).</summary>
    LessOrEqual,

    /// <summary><c>a &gt; b</c> (predicates).</summary>
    Greater,

    /// <summary><c>a &gt;= b</c> (predicates).</summary>
    GreaterOrEqual,

    /// <summary><c>a == b</c> (predicates).</summary>
    Equal,

    /// <summary><c>a != b</c> (predicates).</summary>
    NotEqual,

    /// <summary><c>a and b</c> (predicates).</summary>
    And,

    /// <summary><c>a or b</c> (predicates).</summary>
    Or,

    /// <summary><c>not a</c> (predicates).</summary>
    Not,
}
