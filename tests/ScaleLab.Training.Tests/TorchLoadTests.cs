using TorchSharp;

namespace ScaleLab.Training.Tests;

/// <summary>
/// Guards the Debian 12 fix in build/TorchSharp.targets: without the WEAK flag on GLIBCXX_3.4.32
/// the first torch call throws a misleading "doesn't contain a reference to libtorch" error.
/// </summary>
public sealed class TorchLoadTests
{
    [Fact]
    public void TorchOnes_LoadsNativeLibraryAndComputes()
    {
        using var ones = torch.ones(1);
        Assert.Equal(1.0f, ones.item<float>());
    }

    [Fact]
    public void TorchOnes_LoadsTheCopyBesideTheAssembly()
    {
        // When the copy in bin/ fails to load, TorchSharp silently falls back to copying the
        // natives from the package folder into bin/cpu/ at run time; that fallback would hide an
        // unpatched bin/ copy, so check which file the process really mapped.
        using var ones = torch.ones(1);
        var mapped = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct()
            .ToArray();
        Assert.Equal([Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so")], mapped);
    }
}
