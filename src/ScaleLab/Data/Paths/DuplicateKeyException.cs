namespace ScaleLab.Data.Paths;

/// <summary>An object holds the same key twice, so which value a path means is ambiguous (JSON readers keep the last silently).</summary>
internal sealed class DuplicateKeyException(string key) : Exception($"the key '{InputText.Show(key, 40)}' appears twice in one object")
{
    public string Key { get; } = key;
}
