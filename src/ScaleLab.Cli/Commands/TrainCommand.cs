using System.CommandLine;
using System.ComponentModel;
using ScaleLab.Experiments;
using ScaleLab.Experiments.Companion;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// <c>scalelab train EXPERIMENT [--spec FILE] [--FIELD VALUE …] [--out FILE]</c>: one built-in run as
/// a plain command, e.g. <c>scalelab train teacher-student --width 64 --samples 4096 --seed 3 --out r.json</c>.
/// The command line is checked here (so a typo needs no trainer) and handed unchanged to the
/// training companion, whose output and exit code become this command's.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train",
            $"Train one built-in run with the training companion {TrainerCompanion.CommandName}; the result document (scalelab.result/1) goes to --out and the last line of standard output");
        foreach (var experiment in BuiltInExperiments.All) command.Subcommands.Add(Experiment(experiment));
        return command;
    }

    private static Command Experiment(BuiltInExperiment experiment)
    {
        var options = new SpecificationOptions(experiment);
        var trainer = new Option<string?>("--trainer")
        {
            Description = $"the training companion {TrainerCompanion.CommandName} (default: ${TrainerCompanion.EnvironmentVariable}, next to scalelab, on PATH, or this repository's build)",
        };
        var command = new Command(experiment.Name, experiment.Description) { trainer };
        command.Aliases.Add(experiment.Kind);
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // A spec read from standard input is the companion's to read: it inherits this process's.
            if (parse.GetValue(options.Spec) != "-" && options.Read(parse, TextReader.Null, out var problem) is null) return BadInputGuard.Fail(parse, problem);
            if (TrainerCompanion.Locate(parse.GetValue(trainer), out var missing) is not { } companion) return BadInputGuard.Fail(parse, missing);
            try
            {
                return await companion.RunAsync(Forwarded(parse, trainer), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
                    timeout: null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Win32Exception or InvalidOperationException)
            {
                return BadInputGuard.Fail(parse, $"{companion.Path}: cannot be started ({e.Message}); {TrainerCompanion.HowToGet}");
            }
            catch (OperationCanceledException)
            {
                return StudyConsole.Cancelled;
            }
        });
        return command;
    }

    /// <summary>The command line from the experiment's name on, as typed, without <c>--trainer</c>.</summary>
    private static IEnumerable<string> Forwarded(ParseResult parse, Option<string?> trainer)
    {
        var tokens = parse.Tokens;
        int start = tokens.ToList().FindIndex(t => t.Type == System.CommandLine.Parsing.TokenType.Command && t.Value == "train") + 1;
        for (int i = start; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Value == trainer.Name || token.Value.StartsWith(trainer.Name + "=", StringComparison.Ordinal) || token.Value.StartsWith(trainer.Name + ":", StringComparison.Ordinal))
            {
                if (token.Value == trainer.Name) i++;
                continue;
            }
            yield return token.Value;
        }
    }
}
