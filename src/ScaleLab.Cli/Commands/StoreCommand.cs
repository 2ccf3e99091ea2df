using System.CommandLine;
using System.Text.Json.Nodes;
using ScaleLab.Serialization;
using ScaleLab.Store;
using ScaleLab.Store.Postgres;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab store copy FROM TO</c>: moves studies and sweeps between SQLite files and PostgreSQL databases.</summary>
internal static class StoreCommand
{
    public static Command Create()
    {
        var command = new Command("store", "Work on run stores as a whole");
        command.Subcommands.Add(Copy());
        return command;
    }

    private static Command Copy()
    {
        var from = new Argument<string>("FROM") { Description = "the store to read: a SQLite file or a PostgreSQL connection string" };
        var to = new Argument<string>("TO") { Description = "the store to write (created if new): a SQLite file or a PostgreSQL connection string" };
        var json = new Option<bool>("--json") { Description = "print the summary as JSON (schema scalelab.store-copy/1)" };
        var command = new Command("copy",
            "Copy every study and sweep (runs, attempts, learning curves, regimes) into another store; idempotent, and resumable when interrupted")
        {
            from, to, json,
        };
        command.SetAction((parse, cancellationToken) =>
            Task.FromResult(Copy(parse, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(json), cancellationToken)));
        return command;
    }

    private static int Copy(ParseResult parse, string source, string target, bool json, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (SameStore(source, target))
        {
            error.WriteLine($"error: FROM and TO are the same store ({StoreOption.Shown(source)})");
            return Program.BadInput;
        }
        if (!StoreOption.TryOpen(source, mustExist: true, error, out var sourceStore)) return Program.BadInput;
        using (sourceStore)
        {
            if (!StoreOption.TryOpen(target, mustExist: false, error, out var targetStore)) return Program.BadInput;
            using (targetStore)
            {
                StoreCopySummary summary;
                try
                {
                    summary = StoreCopy.Copy(sourceStore, targetStore, new Progress(error), cancellationToken);
                }
                catch (InvalidOperationException e)
                {
                    error.WriteLine($"error: {e.Message}");
                    return Program.BadInput;
                }
                if (json) output.WriteLine(JsonOutput.ToText(Json(sourceStore, targetStore, summary)));
                else
                {
                    output.WriteLine($"copied {sourceStore.Path} to {targetStore.Path}:");
                    output.WriteLine($"  studies   {summary.StudiesAdded} added, {summary.StudiesPresent} already there");
                    output.WriteLine($"  sweeps    {summary.SweepsAdded} added, {summary.SweepsPresent} already there");
                    output.WriteLine($"  runs      {summary.RunsCopied} copied, {summary.RunsKept} already there");
                    output.WriteLine($"  attempts  {summary.AttemptsCopied} copied");
                    if (summary.Cancelled) output.WriteLine("cancelled: run the same command again to copy the rest");
                }
                return summary.Cancelled ? StudyConsole.Cancelled : 0;
            }
        }
    }

    // Two spellings of one SQLite file are the same store; connection strings are compared as given (without passwords).
    private static bool SameStore(string a, string b)
    {
        static string Normal(string s) => StoreLocation.IsConnectionString(s) ? StoreOption.Shown(s) : Path.GetFullPath(s);
        return Normal(a) == Normal(b);
    }

    private static JsonObject Json(RunStore source, RunStore target, StoreCopySummary s) => new()
    {
        ["schema"] = "scalelab.store-copy/1",
        ["from"] = source.Path,
        ["to"] = target.Path,
        ["studies"] = new JsonObject { ["added"] = s.StudiesAdded, ["present"] = s.StudiesPresent },
        ["sweeps"] = new JsonObject { ["added"] = s.SweepsAdded, ["present"] = s.SweepsPresent },
        ["runs"] = new JsonObject { ["copied"] = s.RunsCopied, ["present"] = s.RunsKept },
        ["attempts"] = new JsonObject { ["copied"] = s.AttemptsCopied },
        ["cancelled"] = s.Cancelled,
    };

    // Reported synchronously after each committed batch, so a line on standard error means those runs are in the target.
    private sealed class Progress(TextWriter error) : IProgress<StoreCopyProgress>
    {
        public void Report(StoreCopyProgress value)
        {
            error.WriteLine($"copied {value.Done}/{value.Total} runs ('{value.Collection}')");
            error.Flush();
        }
    }
}
