using TorchSharp;

namespace ScaleLab.Training.Cli;

/// <summary>Whether libtorch loads in this process: the first torch call loads the native libraries, and fails there if they cannot be.</summary>
internal static class Torch
{
    /// <summary>Null when libtorch loads; else why not, in one line.</summary>
    public static string? LoadProblem()
    {
        try
        {
            using var one = torch.ones(1);
            return one.item<float>() == 1f ? null : "libtorch loaded but computes wrongly (torch.ones(1) is not 1)";
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException or EntryPointNotFoundException
            or BadImageFormatException or InvalidOperationException)
        {
            var inner = e.InnerException ?? e;
            return $"libtorch cannot be loaded on this machine ({inner.GetType().Name}: {inner.Message.ReplaceLineEndings(" ")})";
        }
    }
}
