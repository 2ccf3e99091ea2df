using System.CommandLine;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab fit FILE --law NAME</c>.</summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV, JSON or JSONL file: one row per trained model" };
        var law = new Option<string>("--law") { Description = "law to fit", DefaultValueFactory = _ => "chinchilla" };
        var command = new Command("fit", "Fit a scaling law to runs") { file, law };
        command.SetAction(parse =>
        {
            Console.WriteLine($"fit {parse.GetValue(file)} {parse.GetValue(law)}");
            return 0;
        });
        return command;
    }
}
