namespace TimeToken.OrchardCore.RichText;

/// <summary>
/// How media links inside rich text (HTML and Markdown bodies and fields) are handled. Filled from the site settings
/// (<see cref="Settings.TimeTokenSettings"/>), then from the configuration section <c>OrchardCore_TimeToken</c>
/// (keys <c>SignRichText</c> and <c>RichTextShapeTypes</c>), which wins.
/// </summary>
/// <remarks>Checked by the module at start-up and on the settings page; an invalid shape list refuses to start.</remarks>
public sealed class RichTextOptions
{
    /// <summary>The default <see cref="RichTextShapeTypes"/>: the shapes of Orchard Core's HTML and Markdown parts and fields.</summary>
    public const string DefaultRichTextShapeTypes = "HtmlBodyPart, MarkdownBodyPart, HtmlField, MarkdownField";

    /// <summary>
    /// Whether media links inside rich text are handled: the token parameter is removed from every URL of the
    /// tenant's media when a content item is saved, and links in the shapes of <see cref="RichTextShapeTypes"/> are
    /// signed afresh when they are displayed. Default <see langword="true"/>.
    /// </summary>
    /// <remarks>
    /// Off, a link inserted into an HTML or Markdown body keeps the token it was inserted with and stops working when
    /// that token expires.
    /// </remarks>
    public bool SignRichText { get; set; } = true;

    /// <summary>
    /// The shape types whose output is signed when displayed, separated by commas. A shape also matches in a display
    /// mode (<c>HtmlBodyPart_Display__Custom</c>). Default <see cref="DefaultRichTextShapeTypes"/>. Each entry is 1 to
    /// 128 letters, digits and <c>_</c>, starting with a letter; an empty list signs no rich text (links are still
    /// cleaned on save).
    /// </summary>
    public string RichTextShapeTypes { get; set; } = DefaultRichTextShapeTypes;
}
