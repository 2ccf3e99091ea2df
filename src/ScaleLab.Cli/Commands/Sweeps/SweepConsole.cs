using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ScaleLab.Serialization;
using ScaleLab.Data;
using ScaleLab.Planning;
using ScaleLab.Quantities;
using ScaleLab.Studies;
using ScaleLab.Sweeps.Definition;
using ScaleLab.Sweeps.Driving;
using ScaleLab.Sweeps.Files;
using ScaleLab.Sweeps.Planning;

namespace ScaleLab.Cli.Commands.Sweeps;

/// <summary>What the sweep commands share: reading the file (every error at once), expanding it, its folders and job name, and how runs and fits are printed.</summary>
internal static class SweepConsole
{
    /// <summary>The sweep file read and checked; null after writing every error, one per line (file:line:column: message).</summary>
    public static SweepDefinition? Load(string path, TextWriter error)
    {
        try
        {
            return SweepFileReader.Read(path);
        }
        catch (SweepFileException e)
        {
            foreach (var problem in e.Errors) error.WriteLine("error: " + problem.ToString().ReplaceLineEndings(" "));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {path}: {e.Message.ReplaceLineEndings(" ")}");
        }
        return null;
    }

    /// <summary>The sweep's runs, IsoFLOP sizes placed by its fit document or the published law; null after writing why not.</summary>
    public static SweepPlan? Plan(SweepDefinition definition, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            PlanningLaw? prior = null;
            string? source = null;
            if (definition.Grid is IsoFlopGrid { FitPath: { } fit })
            {
                prior = LawSource.FromFitDocument(fit, 0.8);
                source = fit;
            }
            else if (definition.Grid.NeedsPrior)
            {
                prior = HoffmannPrior.Law;
                source = HoffmannPrior.Citation;
            }
            return SweepPlanner.Plan(definition, prior, source, cancellationToken);
        }
        catch (Exception e) when (e is InputDataException or ArgumentException or IOException)
        {
            error.WriteLine($"error: {definition.File}: {e.Message.ReplaceLineEndings(" ")}");
            return null;
        }
    }

    /// <summary>The folder of the sweep's run folders: <c>NAME.runs</c> beside the sweep file, unless given.</summary>
    public static string RunsDirectory(SweepDefinition definition, string? given) =>
        Path.GetFullPath(given ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(definition.File)) ?? ".", definition.Name + ".runs"));

    /// <summary>The store identity of a driver on this machine running from <paramref name="runs"/> (as <c>--worker</c> <paramref name="name"/>): the same across its restarts.</summary>
    public static string Worker(string runs, string? name) => $"{DriversOf(runs)}{(name is null ? "" : "#" + name)}";

    /// <summary>What the identities of every driver on this machine running from <paramref name="runs"/> begin with.</summary>
    public static string DriversOf(string runs) => $"{Environment.UserName}@{Environment.MachineName}:{runs}";

    /// <summary>The Slurm job name of every job of the sweep in this store: <c>scalelab.NAME.HASH</c> (the hash of store and name keeps two stores' sweeps apart).</summary>
    public static string JobName(SweepDefinition definition, string store)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(store + "\n" + definition.Name)))[..8];
        var safe = new string([.. definition.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
        return $"scalelab.{safe}.{hash}";
    }

    /// <summary>The run in a few words: N, D and the axes, e.g. <c>N=1.2e+08 D=3.4e+09 lr=0.001</c>.</summary>
    public static string Describe(PlannedRun run)
    {
        var point = SweepPlan.PointOf(run);
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"N={Quantity.Format(point.Parameters)} D={Quantity.Format(point.Tokens)}"));
        foreach (var (name, value) in point.Values) text.Append(' ').Append(name).Append('=').Append(value);
        return text.ToString();
    }

    /// <summary>The fit in one line: law, runs, parameters, status; and the prediction at the target.</summary>
    public static string FitLine(SweepFitResult fit)
    {
        if (fit.Fit is not { } f) return $"fit {fit.Law}: {fit.Problem}";
        var line = new StringBuilder($"fit {fit.Law} ({fit.Runs} runs, {f.Status}): ");
        line.AppendJoin(", ", f.Parameters.Select(p => $"{p.Key} = {Quantity.Format(p.Value)}"));
        if (fit.Prediction is { } plan)
        {
            line.Append(CultureInfo.InvariantCulture,
                $"; at C = {Quantity.Format(plan.Compute)}: N* = {Quantity.Format(plan.Parameters)}, D* = {Quantity.Format(plan.Tokens)}, loss {Quantity.Format(plan.Loss)}");
        }
        return line.ToString();
    }

    /// <summary>The fit as JSON (status, parameters, prediction).</summary>
    public static JsonObject FitJson(SweepFitResult fit)
    {
        var o = new JsonObject { ["law"] = fit.Law, ["runs"] = fit.Runs, ["targetCompute"] = fit.TargetCompute };
        if (fit.Problem is not null) o["problem"] = fit.Problem;
        if (fit.Fit is { } f)
        {
            o["status"] = JsonOutput.Word(f.Status);
            o["parameters"] = new JsonObject(f.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)StudyConsole.Finite(p.Value))));
        }
        if (fit.Prediction is { } plan)
        {
            o["prediction"] = new JsonObject
            {
                ["compute"] = plan.Compute, ["parameters"] = StudyConsole.Finite(plan.Parameters), ["tokens"] = StudyConsole.Finite(plan.Tokens),
                ["loss"] = StudyConsole.Finite(plan.Loss), ["status"] = JsonOutput.Word(plan.Status),
            };
        }
        return o;
    }
}
