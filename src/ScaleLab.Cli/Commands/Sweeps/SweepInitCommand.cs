using System.CommandLine;
using ScaleLab.Sweeps.Definition;
using ScaleLab.Sweeps.Files;

namespace ScaleLab.Cli.Commands.Sweeps;

/// <summary>
/// <c>scalelab sweep init isoflop --budgets 1e17,3e17 --sizes-per-budget 7 --command '…' &gt; sweep.toml</c>
/// (and <c>init nxd --params … --tokens …</c>): prints a new sweep file, checked as <c>sweep validate</c> would.
/// </summary>
internal static class SweepInitCommand
{
    public static Command Create()
    {
        var command = new Command("init", "Print a new sweep file: an IsoFLOP grid or an N x D grid around your command");
        command.Subcommands.Add(IsoFlop());
        command.Subcommands.Add(Product());
        return command;
    }

    private static Command IsoFlop()
    {
        var budgets = new Option<string>("--budgets") { Description = "compute budgets in FLOPs, e.g. 1e17,3e17,1e18", Required = true };
        var sizes = new Option<int>("--sizes-per-budget") { Description = "model sizes per budget, placed around the predicted optimum", DefaultValueFactory = _ => 7 };
        var spread = new Option<double>("--spread") { Description = "sizes from optimum/spread to optimum*spread", DefaultValueFactory = _ => IsoFlopGrid.DefaultSpread };
        var fit = new Option<string?>("--fit") { Description = "a fit document (scalelab fit --out) whose law places the optimum (default: Hoffmann et al. 2022's published law)" };
        var (name, run) = Common();
        var command = new Command("isoflop", "IsoFLOP profiles: several model sizes around the compute-optimal size of each budget") { budgets, sizes, spread, fit, name, run };
        command.SetAction(parse =>
        {
            if (!SizeList.TryParse(parse.GetValue(budgets)!, "--budgets", out var values, out var problem)) return BadInputGuard.Fail(parse, problem);
            if (parse.GetValue(sizes) < 1) return BadInputGuard.Fail(parse, "--sizes-per-budget must be at least 1");
            if (!(parse.GetValue(spread) > 1) || !double.IsFinite(parse.GetValue(spread))) return BadInputGuard.Fail(parse, "--spread must be a number above 1");
            var text = SweepFileWriter.IsoFlop(parse.GetValue(name)!, values, parse.GetValue(sizes), parse.GetValue(run)!, parse.GetValue(spread), parse.GetValue(fit));
            return Print(parse, text);
        });
        return command;
    }

    private static Command Product()
    {
        var parameters = new Option<string>("--params") { Description = "model sizes N, e.g. 1e6,3e6,1e7 or 1e6..1e8", Required = true };
        var tokens = new Option<string>("--tokens") { Description = "token counts D, e.g. 1e8,1e9", Required = true };
        var (name, run) = Common();
        var command = new Command("nxd", "Every model size with every token count") { parameters, tokens, name, run };
        command.SetAction(parse =>
        {
            if (!SizeList.TryParse(parse.GetValue(parameters)!, "--params", out var n, out var problem)) return BadInputGuard.Fail(parse, problem);
            if (!SizeList.TryParse(parse.GetValue(tokens)!, "--tokens", out var d, out problem)) return BadInputGuard.Fail(parse, problem);
            return Print(parse, SweepFileWriter.Product(parse.GetValue(name)!, n, d, parse.GetValue(run)!));
        });
        return command;
    }

    private static (Option<string> Name, Option<string> Command) Common() =>
        (new Option<string>("--name") { Description = "the sweep's name in the store", DefaultValueFactory = _ => "sweep" },
         new Option<string>("--command") { Description = "your training command with placeholders, e.g. 'python train.py --n-params {params} --tokens {tokens} --out {out}'", Required = true });

    // The file is checked before it is printed: a command that misses a placeholder is reported, not written.
    private static int Print(ParseResult parse, string text)
    {
        try
        {
            SweepFileReader.Parse(text, "sweep.toml");
        }
        catch (SweepFileException e)
        {
            foreach (var problem in e.Errors) parse.InvocationConfiguration.Error.WriteLine($"error: the sweep file would not be valid: {problem.Message.ReplaceLineEndings(" ")}");
            return Program.BadInput;
        }
        parse.InvocationConfiguration.Output.Write(text);
        return 0;
    }
}
