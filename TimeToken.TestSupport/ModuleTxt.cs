namespace TimeToken.Tests.TestSupport;

/// <summary>
/// A classic Orchard <c>Module.txt</c> manifest: "Key: value" lines for the module, then a "Features:" section where
/// each feature id is a line of its own and its "Key: value" lines are indented below it.
/// </summary>
internal sealed class ModuleTxt
{
    private ModuleTxt(IReadOnlyDictionary<string, string> module, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> features)
    {
        Module = module;
        Features = features;
    }

    /// <summary>The module's own keys (Name, Author, Version, ...).</summary>
    public IReadOnlyDictionary<string, string> Module { get; }

    /// <summary>The keys of each feature, by feature id, in file order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Features { get; }

    /// <summary>Parses the text of a Module.txt file.</summary>
    public static ModuleTxt Parse(string text)
    {
        var module = new Dictionary<string, string>(StringComparer.Ordinal);
        var features = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? feature = null;
        var inFeatures = false;
        var featureIndent = -1;

        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var separator = line.IndexOf(':', StringComparison.Ordinal);
            var key = (separator < 0 ? line : line[..separator]).Trim();
            var value = separator < 0 ? "" : line[(separator + 1)..].Trim();

            if (indent == 0)
            {
                // A module key, or the start of the features section.
                inFeatures = key == "Features";
                if (!inFeatures)
                {
                    module[key] = value;
                }
            }
            else if (inFeatures && (featureIndent < 0 || indent == featureIndent))
            {
                // A feature id: the first indentation level inside "Features:".
                featureIndent = indent;
                feature = new Dictionary<string, string>(StringComparer.Ordinal);
                features[key] = feature;
            }
            else if (inFeatures && feature is not null && indent > featureIndent)
            {
                feature[key] = value;
            }
            else
            {
                throw new FormatException($"Unexpected line in Module.txt: '{line}'.");
            }
        }

        return new ModuleTxt(module, features);
    }

    /// <summary>The dependencies of a feature, split on commas.</summary>
    public static IReadOnlyList<string> SplitList(string? value)
        => value is null ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
