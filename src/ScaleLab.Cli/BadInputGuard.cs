using System.CommandLine;
using System.Text.RegularExpressions;
using ScaleLab.Data;
using ScaleLab.Formulas;

namespace ScaleLab.Cli;

/// <summary>
/// Runs a command body and turns bad input into one line on standard error and exit code
/// <see cref="Program.BadInput"/>. Commands write files only after all input has been validated,
/// so a failure here never leaves a file behind.
/// </summary>
internal static class BadInputGuard
{
    /// <summary>Runs <paramref name="body"/>; input and argument errors become exit code 2.</summary>
    public static int Run(ParseResult parse, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputDataException ex)
        {
            return Fail(parse, ex.Message);
        }
        catch (MissingVariableException ex)
        {
            return Fail(parse, ex.Message);
        }
        catch (FormulaException ex)
        {
            return FailAt(parse, ex);
        }
        catch (ArgumentException ex)
        {
            // Drop the " (Parameter 'x')" suffix: it names a C# parameter, not anything the user typed.
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            return Fail(parse, message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(parse, UserPath(ex.Message));
        }
    }

    // Writers replace a file atomically through a temporary beside it ("fit.json.tmp-4242", ".report.html.<guid>.tmp");
    // an I/O error names that file, which the user never asked for: name the file they gave instead.
    private static readonly Regex TemporaryFile = new(@"(?:\.tmp-\d+)|(?<=[/\\])\.([^/\\]+?)\.[0-9a-f]{32}\.tmp", RegexOptions.CultureInvariant);

    internal static string UserPath(string message) => TemporaryFile.Replace(message, m => m.Groups[1].Success ? m.Groups[1].Value : "");

    /// <summary>Most characters of an error line: a message echoing a huge value is cut, not printed whole.</summary>
    internal const int MaxMessage = 1000;

    /// <summary>
    /// Writes a formula or predicate error as the formula language prints it (docs/formulas.md): "error: " and the line
    /// saying what and where, then the text and a caret under the place; returns the bad-input exit code.
    /// </summary>
    public static int FailAt(ParseResult parse, FormulaException error)
    {
        var lines = error.Message.Split('\n');
        var output = parse.InvocationConfiguration.Error;
        output.WriteLine("error: " + InputText.Show(lines[0], MaxMessage));
        foreach (var line in lines.Skip(1)) output.WriteLine(InputText.Show(line, MaxMessage));
        return Program.BadInput;
    }

    /// <summary>Writes "error: message" as one line to standard error (control characters escaped, at most <see cref="MaxMessage"/> characters) and returns the bad-input exit code.</summary>
    public static int Fail(ParseResult parse, string message)
    {
        parse.InvocationConfiguration.Error.WriteLine("error: " + InputText.Show(message.ReplaceLineEndings(" "), MaxMessage));
        return Program.BadInput;
    }
}
