using System.CommandLine;
using ScaleLab.Data;

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
        catch (ArgumentException ex)
        {
            // Drop the " (Parameter 'x')" suffix: it names a C# parameter, not anything the user typed.
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            return Fail(parse, message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(parse, ex.Message);
        }
    }

    /// <summary>Writes "error: message" as one line to standard error and returns the bad-input exit code.</summary>
    public static int Fail(ParseResult parse, string message)
    {
        parse.InvocationConfiguration.Error.WriteLine("error: " + message.ReplaceLineEndings(" "));
        return Program.BadInput;
    }
}
