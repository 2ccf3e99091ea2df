using ScaleLab.Fitting;
using ScaleLab.Formulas;
using ScaleLab.Laws;

namespace ScaleLab.Serialization;

/// <summary>A formula law to its fit-document entry and back (the part of <see cref="FitDocumentMapping"/> for formula laws).</summary>
internal static class FormulaLawMapping
{
    public static FormulaLawEntry ToEntry(FormulaScalingLaw law)
    {
        var d = law.Definition;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in d.Variables) variables[v.Symbol] = v.Column;
        var parameters = new Dictionary<string, FormulaParameterEntry>(StringComparer.Ordinal);
        foreach (var p in d.Parameters)
        {
            parameters[p.Name] = new FormulaParameterEntry
            {
                Lower = p.Lower, Upper = p.Upper, Log = p.Log == true, Fixed = p.Fixed,
                Start = p.StartLower is { } lo && p.StartUpper is { } hi ? [lo, hi] : null,
                Description = p.Description.Length > 0 ? p.Description : null,
            };
        }
        var derived = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in d.Derived) derived[q.Name] = q.Text;
        var definitions = new string[d.Program.Definitions.Count];
        for (int k = 0; k < definitions.Length; k++) definitions[k] = d.Program.Definitions[k].Text;
        return new FormulaLawEntry
        {
            Formula = d.Program.FormulaText, Definitions = definitions, Variables = variables, Parameters = parameters,
            Target = d.Target is { } t ? new FormulaTargetEntry(t.Column, SpaceName(t.Space), LossName(t.Loss), t.Delta) : null,
            Derived = derived, Cost = d.CostText,
            Citation = d.Citation.Length > 0 ? d.Citation : null, Description = d.Description.Length > 0 ? d.Description : null, File = d.File,
        };
    }

    /// <summary>The law an entry describes; a formula that does not parse is a <see cref="FormulaException"/>, a bad member an <see cref="ArgumentException"/>.</summary>
    public static FormulaScalingLaw ToLaw(FormulaLawEntry e, string name)
    {
        var program = FormulaProgram.Create(e.Formula, e.Definitions, e.Variables.Keys);
        var parameters = new List<FormulaParameter>();
        foreach (var (pname, p) in e.Parameters)
        {
            if (program.Classify(pname) != FormulaSymbolKind.Parameter) throw new ArgumentException($"'{pname}' is not a parameter of the formula");
            if (p.Start is { Count: not 2 }) throw new ArgumentException($"parameter '{pname}': start must be [lower, upper]");
            parameters.Add(new FormulaParameter(pname)
            {
                Lower = p.Lower, Upper = p.Upper, Log = p.Log ? true : null, Fixed = p.Fixed,
                StartLower = p.Start?[0], StartUpper = p.Start?[1], Description = p.Description ?? "",
            });
        }
        foreach (var pname in program.Parameters)
        {
            if (!e.Parameters.ContainsKey(pname)) throw new ArgumentException($"the formula's parameter '{pname}' is not listed");
        }
        var derived = new List<FormulaDerived>();
        foreach (var (dname, text) in e.Derived) derived.Add(new FormulaDerived(dname, FormulaParser.Parse(text, $"derived '{dname}'"), text));
        FormulaTarget? target = null;
        if (e.Target is { } t)
        {
            target = new FormulaTarget(t.Column, ParseSpace(t.Space)) { Loss = ParseLoss(t.Loss), Delta = t.Delta };
        }
        var variables = new List<FormulaVariable>();
        foreach (var (symbol, column) in e.Variables) variables.Add(new FormulaVariable(symbol, column));
        var law = new FormulaLaw(name, program, variables, parameters, target, e.Citation ?? "", e.Description ?? "", [], derived, e.File)
        {
            Cost = e.Cost is null ? null : FormulaParser.Parse(e.Cost, "cost"), CostText = e.Cost,
        };
        // The document records a fit, not a search: no starts are drawn, so no range is needed.
        return new FormulaScalingLaw(law, startCount: 0);
    }

    private static string SpaceName(ResidualSpace space) => space switch { ResidualSpace.Log => "log", ResidualSpace.Linear => "linear", _ => "log1p" };

    private static string LossName(LossKind loss) => loss switch { LossKind.Huber => "huber", LossKind.Squared => "squared", _ => "asymmetric" };

    private static ResidualSpace ParseSpace(string text) => text switch
    {
        "log" => ResidualSpace.Log,
        "linear" => ResidualSpace.Linear,
        "log1p" => ResidualSpace.Log1p,
        _ => throw new ArgumentException($"target space '{text}' is not log, linear or log1p"),
    };

    private static LossKind ParseLoss(string text) => text switch
    {
        "huber" => LossKind.Huber,
        "squared" => LossKind.Squared,
        "asymmetric" => LossKind.AsymmetricAbsolute,
        _ => throw new ArgumentException($"target loss '{text}' is not huber, squared or asymmetric"),
    };
}
