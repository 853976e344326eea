using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Logging.Testing;
using OrchardCore.DisplayManagement.Implementation;
using OrchardCore.DisplayManagement.Shapes;
using TimeToken.Core;
using TimeToken.Core.Media;
using TimeToken.OrchardCore.RichText;

namespace TimeToken.Tests.OrchardCore.RichText;

public sealed class RichTextSigningShapeDisplayEventsTests
{
    private static RichTextSigningShapeDisplayEvents Events(RichTextOptions options) => new(
        new StaticOptionsMonitor<TimeTokenOptions>(new TimeTokenOptions()),
        new StaticOptionsMonitor<RichTextOptions>(options),
        MediaTokenCleaningHandlerTests.CreateMediaUrls(),
        MediaLinkTextTests.FakeSigner,
        new RichTextLinksCache(),
        HtmlEncoder.Default,
        new FakeLogger<RichTextSigningShapeDisplayEvents>());

    private static ShapeDisplayContext Context(string shapeType, string html)
    {
        var shape = new Shape();
        shape.Metadata.Type = shapeType;
        return new ShapeDisplayContext { Shape = shape, ChildContent = new HtmlString(html) };
    }

    private static string Html(ShapeDisplayContext context)
    {
        using var writer = new StringWriter();
        context.ChildContent.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    [Theory]
    [InlineData("HtmlBodyPart")]
    [InlineData("MarkdownBodyPart")]
    [InlineData("HtmlField")]
    [InlineData("MarkdownField")]
    [InlineData("HtmlBodyPart_Display__Custom")]
    public async Task DisplayedAsync_RichTextShape_LinksSigned(string shapeType)
    {
        // Arrange
        var context = Context(shapeType, "<p><img src=\"/media/a.jpg?tt=stale\"><img src=\"/media/public/b.png\"></p>");

        // Act
        await Events(new RichTextOptions()).DisplayedAsync(context);

        // Assert
        Assert.Equal("<p><img src=\"/media/a.jpg?tt=NEW\"><img src=\"/media/public/b.png\"></p>", Html(context));
    }

    [Theory]
    [InlineData("LiquidPart")]
    [InlineData("HtmlBodyPartX")]
    [InlineData("HtmlBodyPart_Editor")]
    [InlineData("Content")]
    public async Task DisplayedAsync_OtherShape_Untouched(string shapeType)
    {
        // Arrange
        var content = new HtmlString("<img src=\"/media/a.jpg?tt=stale\">");
        var context = Context(shapeType, content.Value!);
        context.ChildContent = content;

        // Act
        await Events(new RichTextOptions()).DisplayedAsync(context);

        // Assert
        Assert.Same(content, context.ChildContent);
    }

    [Theory]
    [InlineData("HtmlBodyPart_Edit")]
    [InlineData("HtmlBodyPart_Edit__Wysiwyg")]
    [InlineData("HtmlField_Edit__Trumbowyg")]
    public async Task DisplayedAsync_HtmlEditor_TextareaLinksSignedRestUntouched(string shapeType)
    {
        // Arrange: the editor's text area holds the stored body, HTML-encoded.
        var context = Context(shapeType, "<label for=\"x\">Body</label><textarea id=\"x\" name=\"HtmlBodyPart.Html\">&lt;p&gt;&lt;img src=&quot;/media/a.jpg&quot; alt=&quot;A&quot;&gt;&lt;img src=&quot;/media/public/b.png&quot;&gt;&lt;/p&gt;</textarea>\n<img src=\"/media/c.jpg\">");

        // Act
        await Events(new RichTextOptions()).DisplayedAsync(context);

        // Assert
        Assert.Equal(
            "<label for=\"x\">Body</label><textarea id=\"x\" name=\"HtmlBodyPart.Html\">&lt;p&gt;&lt;img src=&quot;/media/a.jpg?tt=NEW&quot; alt=&quot;A&quot;&gt;&lt;img src=&quot;/media/public/b.png&quot;&gt;&lt;/p&gt;</textarea>\n<img src=\"/media/c.jpg\">",
            Html(context));
    }

    [Fact]
    public async Task DisplayedAsync_MarkdownEditor_TextareaLinksSigned()
    {
        // Arrange
        var context = Context("MarkdownBodyPart_Edit", "<textarea name=\"MarkdownBodyPart.Markdown\"># Title\n![Harbour](/media/a.jpg \"at night\") and [the report](/media/docs/r.pdf?tt=stale)</textarea>");

        // Act
        await Events(new RichTextOptions()).DisplayedAsync(context);

        // Assert
        Assert.Equal(
            "<textarea name=\"MarkdownBodyPart.Markdown\"># Title\n![Harbour](/media/a.jpg?tt=NEW &quot;at night&quot;) and [the report](/media/docs/r.pdf?tt=NEW)</textarea>",
            Html(context));
    }

    [Fact]
    public async Task DisplayedAsync_RichTextOff_Untouched()
    {
        // Arrange
        var context = Context("HtmlBodyPart", "<img src=\"/media/a.jpg?tt=stale\">");
        var content = context.ChildContent;

        // Act
        await Events(new RichTextOptions { SignRichText = false }).DisplayedAsync(context);

        // Assert
        Assert.Same(content, context.ChildContent);
    }

    [Fact]
    public async Task DisplayedAsync_CustomShapeList_OnlyListedShapesSigned()
    {
        // Arrange
        var options = new RichTextOptions { RichTextShapeTypes = "BlogBody, HtmlField" };
        var listed = Context("BlogBody", "<img src=\"/media/a.jpg\">");
        var unlisted = Context("HtmlBodyPart", "<img src=\"/media/a.jpg\">");

        // Act
        var events = Events(options);
        await events.DisplayedAsync(listed);
        await events.DisplayedAsync(unlisted);

        // Assert
        Assert.Equal("<img src=\"/media/a.jpg?tt=NEW\">", Html(listed));
        Assert.Equal("<img src=\"/media/a.jpg\">", Html(unlisted));
    }
}
