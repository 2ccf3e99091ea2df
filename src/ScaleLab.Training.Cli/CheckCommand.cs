using System.CommandLine;
using System.Text.Json.Nodes;
using ScaleLab.Experiments;
using ScaleLab.Experiments.Companion;

namespace ScaleLab.Training.Cli;

/// <summary>
/// <c>scalelab-train check</c>: loads libtorch and prints one JSON line (schema
/// <c>scalelab.trainer/1</c>: the experiments this companion trains and its platform), or says on
/// one line why libtorch does not load (exit 3). <c>scalelab</c> runs it once before a study.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "Check that libtorch loads here and list the experiments this companion trains");
        command.SetAction(parse =>
        {
            if (Torch.LoadProblem() is { } problem)
            {
                parse.InvocationConfiguration.Error.WriteLine("error: " + problem);
                return TrainerCompanion.TorchUnavailable;
            }
            var document = new JsonObject
            {
                ["schema"] = "scalelab.trainer/1",
                ["platform"] = CompanionSearch.PortableRuntimeIdentifier(),
                ["experiments"] = new JsonArray([.. BuiltInExperiments.All.Select(e => (JsonNode)new JsonObject { ["name"] = e.Name, ["kind"] = e.Kind })]),
            };
            parse.InvocationConfiguration.Output.WriteLine(document.ToJsonString());
            return 0;
        });
        return command;
    }
}
