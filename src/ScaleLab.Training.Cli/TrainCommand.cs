using System.CommandLine;
using ScaleLab.Experiments;
using ScaleLab.Experiments.Companion;
using ScaleLab.Studies.Execution;
using ScaleLab.Training.Trainers;

namespace ScaleLab.Training.Cli;

/// <summary>
/// <c>scalelab-train EXPERIMENT [--spec FILE] [--FIELD VALUE …] [--out FILE]</c>: trains one run and
/// writes its result document to <c>--out</c> (atomically) and as the last line of standard output.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(BuiltInExperiment experiment)
    {
        var options = new SpecificationOptions(experiment);
        var command = new Command(experiment.Name, experiment.Description);
        command.Aliases.Add(experiment.Kind);
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            int Fail(string message, int code)
            {
                error.WriteLine("error: " + message.ReplaceLineEndings(" "));
                return code;
            }

            if (options.Read(parse, Console.In, out var problem) is not { } specification) return Fail(problem, Program.BadInput);
            if (Torch.LoadProblem() is { } torch) return Fail(torch, TrainerCompanion.TorchUnavailable);
            RunResult result;
            try
            {
                // The trainers are synchronous and observe the token between steps; run them off the invocation's thread.
                result = await Task.Run(() => BuiltInTrainers.Run(specification, null, cancellationToken), CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail("cancelled", Program.Cancelled);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Fail($"training failed: {e.GetType().Name}: {e.Message}", 1);
            }

            string document = ResultDocument.Write(ResultMapping.ToOutcome(result), result.MetricName, ResultMapping.Extra(result));
            if (parse.GetValue(options.Out) is { } path)
            {
                try
                {
                    ScaleLab.IO.AtomicFile.WriteAllText(path, document + "\n");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return Fail(e.Message, Program.BadInput);
                }
            }
            parse.InvocationConfiguration.Output.WriteLine(document);
            return 0;
        });
        return command;
    }
}
