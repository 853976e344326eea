using Microsoft.Extensions.Options;
using TimeToken.Core;
using TimeToken.OrchardCore.Settings;

namespace TimeToken.OrchardCore.RichText;

/// <summary>The rules of <see cref="RichTextOptions"/>, shared by start-up validation and the settings page.</summary>
internal sealed class RichTextOptionsValidator : IValidateOptions<RichTextOptions>
{
    /// <summary>Lists every rule <paramref name="options"/> breaks.</summary>
    public static IReadOnlyList<TimeTokenOptionsError> Check(RichTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TryParseShapeTypes(options.RichTextShapeTypes, out _)
            ? []
            : [new TimeTokenOptionsError(nameof(options.RichTextShapeTypes), "The shape types must be a comma-separated list of names of letters, digits and '_', such as 'HtmlBodyPart, HtmlField'.")];
    }

    /// <summary>Parses a comma-separated list of shape types (blank entries ignored).</summary>
    /// <param name="list">The list, such as <c>HtmlBodyPart, HtmlField</c>; empty for none.</param>
    /// <param name="shapeTypes">The shape types, in the order given, without duplicates.</param>
    /// <returns>Whether every entry is 1 to 128 characters of <c>A-Z a-z 0-9 _</c> starting with a letter.</returns>
    public static bool TryParseShapeTypes(string? list, out IReadOnlyList<string> shapeTypes)
    {
        var result = new List<string>();
        shapeTypes = result;
        foreach (var entry in (list ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Length > 128 || !char.IsAsciiLetter(entry[0]) || !entry.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                shapeTypes = [];
                return false;
            }

            if (!result.Contains(entry, StringComparer.Ordinal))
            {
                result.Add(entry);
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, RichTextOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => $"{TimeTokenSettingsMapper.OrchardSectionName}:{e.Setting}: {e.Message}"));
    }
}
