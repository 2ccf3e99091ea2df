using System.Text;

namespace ScaleLab.Sweeps.Definition;

/// <summary>
/// The command a sweep runs for each run: a program and its arguments, each a <see cref="TemplateText"/>.
/// Written as one line, it is split as a POSIX shell splits words (spaces separate; '…' is literal;
/// "…" and \ escape) but never run through a shell, so a value can never be read as shell syntax;
/// written as an array, each item is one argument as it stands.
/// </summary>
public sealed class CommandTemplate
{
    private CommandTemplate(string source, IReadOnlyList<TemplateText> arguments)
    {
        Source = source;
        Arguments = arguments;
    }

    /// <summary>The command as written.</summary>
    public string Source { get; }

    /// <summary>The program, then its arguments.</summary>
    public IReadOnlyList<TemplateText> Arguments { get; }

    /// <summary>Every placeholder, with the index of its argument and its offset in the source.</summary>
    public IEnumerable<(string Name, int Argument, int Offset)> Placeholders =>
        Arguments.SelectMany((a, i) => a.Placeholders.Select(p => (p.Name, i, p.Offset)));

    /// <summary>The command in one line, split like a shell's words; problems (an unclosed quote, a stray brace) come with their offsets.</summary>
    public static CommandTemplate ParseLine(string line, List<(int Offset, string Message)> problems)
    {
        ArgumentNullException.ThrowIfNull(line);
        var arguments = new List<TemplateText>();
        var word = new StringBuilder();
        var offsets = new List<int>();
        bool inWord = false;
        void End()
        {
            if (!inWord) return;
            arguments.Add(TemplateText.Parse(word.ToString(), [.. offsets], problems));
            word.Clear();
            offsets.Clear();
            inWord = false;
        }
        void Add(char c, int at)
        {
            word.Append(c);
            offsets.Add(at);
            inWord = true;
        }
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c)) { End(); continue; }
            inWord = true;
            if (c == '\'')
            {
                int close = line.IndexOf('\'', i + 1);
                if (close < 0) { problems.Add((i, "this quote (') is not closed")); close = line.Length; }
                for (int k = i + 1; k < close; k++) Add(line[k], k);
                i = close;
            }
            else if (c == '"')
            {
                int k = i + 1;
                for (; k < line.Length && line[k] != '"'; k++)
                {
                    if (line[k] == '\\' && k + 1 < line.Length && line[k + 1] is '"' or '\\' or '$' or '`') k++;
                    Add(line[k], k);
                }
                if (k >= line.Length) problems.Add((i, "this quote (\") is not closed"));
                i = k;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                Add(line[i + 1], i + 1);
                i++;
            }
            else
            {
                Add(c, i);
            }
        }
        End();
        if (arguments.Count == 0) problems.Add((0, "the command is empty"));
        return new CommandTemplate(line, arguments);
    }

    /// <summary>The command as an array: each item one argument, its offsets counted within the item (the reader places them).</summary>
    public static CommandTemplate FromArguments(IReadOnlyList<string> items, Func<int, List<(int Offset, string Message)>> problems)
    {
        ArgumentNullException.ThrowIfNull(items);
        var arguments = items.Select((item, i) => TemplateText.Parse(item, null, problems(i))).ToArray();
        if (arguments.Length == 0) problems(-1).Add((0, "the command is empty"));
        return new CommandTemplate(string.Join(' ', items.Select(Quote)), arguments);
    }

    /// <summary>The program and arguments with every placeholder replaced.</summary>
    public IReadOnlyList<string> Expand(IReadOnlyDictionary<string, string> values) => [.. Arguments.Select(a => a.Expand(values))];

    /// <summary>A word quoted for a POSIX shell when it needs quoting (for printing a command).</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
