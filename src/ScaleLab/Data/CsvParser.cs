using System.Text;

namespace ScaleLab.Data;

/// <summary>
/// A small RFC 4180 reader: comma (or tab) separated fields, double-quoted fields that may hold
/// separators, line breaks and doubled quotes, CRLF or LF line ends. Blank lines are skipped.
/// Kept in-house so the core library stays free of parsing dependencies.
/// </summary>
internal static class CsvParser
{
    /// <summary>Reads every record: index 0 is the header, index r the r-th data row.</summary>
    public static List<string[]> Parse(TextReader reader, string source, char separator = ',')
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool inQuotes = false, afterQuote = false, fieldStarted = false;
        int ch;
        while ((ch = reader.Read()) >= 0)
        {
            char c = (char)ch;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else { inQuotes = false; afterQuote = true; }
                }
                else field.Append(c);
                continue;
            }
            if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
                fieldStarted = true;
            }
            else if (c == '\r' || c == '\n')
            {
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                EndRecord();
            }
            else if (c == '"' && field.Length == 0 && !afterQuote)
            {
                inQuotes = true;
                fieldStarted = true;
            }
            else if (afterQuote)
            {
                if (c is ' ' or '\t') continue;
                throw new InputDataException(source, records.Count, null,
                    $"unexpected character '{c}' after a closing quote (a quote inside a quoted field must be doubled: \"\")");
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }
        if (inQuotes)
        {
            throw new InputDataException(source, records.Count, null, "a quoted field is not closed before the end of the file");
        }
        EndRecord();
        return records;

        void EndRecord()
        {
            if (fieldStarted || field.Length > 0 || afterQuote || fields.Count > 0)
            {
                fields.Add(field.ToString());
                // A line of only white space counts as blank.
                if (!(fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]) && !afterQuote)) records.Add(fields.ToArray());
            }
            fields.Clear();
            field.Clear();
            afterQuote = false;
            fieldStarted = false;
        }
    }
}
