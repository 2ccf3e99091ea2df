using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ScaleLab.Studies;

/// <summary>
/// Per-run seeds derived from the study seed and a label that names the run within the study
/// (its group and position, or its specification without the seed). A run's seed does not depend
/// on which other runs are planned, their order, or the number of workers.
/// </summary>
public static class RunSeed
{
    /// <summary>A seed in [0, 2^31) (fits every trainer's seed type) for the run labelled <paramref name="label"/>.</summary>
    public static long Derive(long studySeed, string label)
    {
        var text = studySeed.ToString(CultureInfo.InvariantCulture) + "\n" + label;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return BinaryPrimitives.ReadUInt32LittleEndian(hash) & 0x7FFF_FFFF;
    }
}
