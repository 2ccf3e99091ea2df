namespace ScaleLab.Formulas;

/// <summary>
/// A law as written: named intermediate definitions evaluated in order, then the formula, with every
/// name classified. Given the names bound to data columns (the variables), every other free name is a
/// parameter. Checked on creation: each definition is defined once, before it is used, is not also a
/// variable and is not a function name; no function name is used as a symbol.
/// </summary>
public sealed class FormulaProgram
{
    private readonly Dictionary<string, FormulaSymbolKind> _kinds;

    private FormulaProgram(FormulaNode formula, string formulaText, IReadOnlyList<FormulaDefinition> definitions,
        IReadOnlyList<string> variables, IReadOnlyList<string> parameters, Dictionary<string, FormulaSymbolKind> kinds)
    {
        Formula = formula;
        FormulaText = formulaText;
        Definitions = definitions;
        Variables = variables;
        Parameters = parameters;
        _kinds = kinds;
    }

    /// <summary>The parsed formula (it may use the definitions).</summary>
    public FormulaNode Formula { get; }

    /// <summary>The formula as written.</summary>
    public string FormulaText { get; }

    /// <summary>The definitions in evaluation order.</summary>
    public IReadOnlyList<FormulaDefinition> Definitions { get; }

    /// <summary>The variables the law uses, in order of first use.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The parameters, in order of first use (definitions first, then the formula).</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>What <paramref name="name"/> stands for in this law, or null when the law does not use it.</summary>
    public FormulaSymbolKind? Classify(string name) => _kinds.TryGetValue(name, out var kind) ? kind : null;

    /// <summary>A law without definitions.</summary>
    public static FormulaProgram Create(string formula, IEnumerable<string> variables) => Create(formula, [], variables);

    /// <summary>Parses and checks a law.</summary>
    /// <param name="formula">The formula, e.g. <c>E + A/N_eff^alpha + B/D_eff^beta</c>.</param>
    /// <param name="definitions">Definitions written <c>NAME = EXPRESSION</c>, in evaluation order.</param>
    /// <param name="variables">The names bound to data columns.</param>
    /// <exception cref="FormulaException">The first error, with its position in the text it is in.</exception>
    public static FormulaProgram Create(string formula, IReadOnlyList<string> definitions, IEnumerable<string> variables)
    {
        var parsed = new List<FormulaDefinition>(definitions.Count);
        for (int k = 0; k < definitions.Count; k++) parsed.Add(ParseDefinition(definitions[k], k));
        return Create(FormulaParser.Parse(formula), formula, parsed, variables);
    }

    /// <summary>Checks a law from parsed parts (the law-file reader parses each part where it knows its place in the file).</summary>
    public static FormulaProgram Create(FormulaNode formula, string formulaText, IReadOnlyList<FormulaDefinition> definitions, IEnumerable<string> variables)
    {
        var variableSet = new HashSet<string>(variables, StringComparer.Ordinal);
        var kinds = new Dictionary<string, FormulaSymbolKind>(StringComparer.Ordinal);
        var defined = new Dictionary<string, int>(StringComparer.Ordinal);
        var usedVariables = new List<string>();
        var parameters = new List<string>();
        for (int k = 0; k < definitions.Count; k++)
        {
            var definition = definitions[k];
            string subject = $"definition '{definition.Name}'";
            int namePosition = definition.Text.IndexOf(definition.Name, StringComparison.Ordinal);
            if (variableSet.Contains(definition.Name))
            {
                throw new FormulaException(definition.Text, namePosition, $"'{definition.Name}' is a variable bound to a column and cannot also be defined",
                    "rename the definition or the variable", subject, definition.Name.Length);
            }
            if (defined.TryGetValue(definition.Name, out var first))
            {
                throw new FormulaException(definition.Text, namePosition, $"'{definition.Name}' is defined twice (first in definition {first + 1})",
                    "each name is defined once", subject, definition.Name.Length);
            }
            Resolve(definition.Expression, definition.Text, subject, k, definitions, defined, variableSet, kinds, usedVariables, parameters);
            defined[definition.Name] = k;
            kinds[definition.Name] = FormulaSymbolKind.Definition;
        }
        Resolve(formula, formulaText, "formula", definitions.Count, definitions, defined, variableSet, kinds, usedVariables, parameters);
        return new FormulaProgram(formula, formulaText, definitions, usedVariables, parameters, kinds);
    }

    /// <summary>Parses <c>NAME = EXPRESSION</c>; <paramref name="index"/> is 0-based, for messages.</summary>
    public static FormulaDefinition ParseDefinition(string text, int index)
    {
        string subject = $"definition {index + 1}";
        int equals = text.IndexOf('=');
        int nameStart = 0;
        while (nameStart < text.Length && char.IsWhiteSpace(text[nameStart])) nameStart++;
        if (equals < 0) throw new FormulaException(text, text.Length, "a definition needs '='", "write NAME = EXPRESSION, e.g. R_D = max(D/U - 1, 0)", subject);
        var name = text[nameStart..equals].TrimEnd();
        if (name.Length == 0) throw new FormulaException(text, equals, "the definition has no name before '='", "write NAME = EXPRESSION", subject);
        if (!IsName(name))
        {
            throw new FormulaException(text, nameStart, $"'{name}' is not a name", "a name starts with a letter or '_' and has letters, digits and '_'", subject, name.Length);
        }
        if (FormulaFunctions.TryLookup(name, out _))
        {
            throw new FormulaException(text, nameStart, $"'{name}' is a function and cannot be defined", "choose another name", subject, name.Length);
        }
        if (equals + 1 < text.Length && text[equals + 1] == '=')
        {
            throw new FormulaException(text, equals, "a definition is written with one '='", "write NAME = EXPRESSION", subject, 2);
        }
        var expression = FormulaParser.Parse(text, equals + 1, $"definition '{name}'");
        return new FormulaDefinition(name, expression, text);
    }

    private static void Resolve(FormulaNode node, string text, string subject, int index, IReadOnlyList<FormulaDefinition> definitions,
        Dictionary<string, int> defined, HashSet<string> variables, Dictionary<string, FormulaSymbolKind> kinds,
        List<string> usedVariables, List<string> parameters)
    {
        if (node.Kind == FormulaNodeKind.Symbol)
        {
            var name = node.Name;
            if (FormulaFunctions.TryLookup(name, out _))
            {
                throw new FormulaException(text, node.Position, $"'{name}' is a function", $"call it: {name}(x)", subject, name.Length);
            }
            if (defined.ContainsKey(name)) return;
            if (variables.Contains(name))
            {
                if (!usedVariables.Contains(name)) usedVariables.Add(name);
                kinds[name] = FormulaSymbolKind.Variable;
                return;
            }
            for (int later = index; later < definitions.Count; later++)
            {
                if (definitions[later].Name != name) continue;
                var reason = later == index ? $"'{name}' refers to itself" : $"'{name}' is used before its definition (definition {later + 1})";
                throw new FormulaException(text, node.Position, reason, "definitions are evaluated in order: move it earlier", subject, name.Length);
            }
            if (!parameters.Contains(name)) parameters.Add(name);
            kinds[name] = FormulaSymbolKind.Parameter;
            return;
        }
        foreach (var argument in node.Arguments) Resolve(argument, text, subject, index, definitions, defined, variables, kinds, usedVariables, parameters);
    }

    private static bool IsName(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_')) return false;
        foreach (var c in name) if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
        return true;
    }
}
