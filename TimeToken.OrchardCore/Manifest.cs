using OrchardCore.Modules.Manifest;

[assembly: Module(
    Name = "Time Token",
    Author = "TimeToken.OrchardCore contributors",
    Website = "https://www.nuget.org/packages/TimeToken.OrchardCore",
    Version = "1.0.0",
    Description = "Signs media URLs with expiring HMAC tokens and hands out short-lived upload slots.",
    Category = "Media")]

[assembly: Feature(
    Id = TimeToken.OrchardCore.FeatureIds.TimeToken,
    Name = "Time-token media",
    Category = "Media",
    Description = "Serves protected media only through URLs that carry an expiring HMAC token.",
    Dependencies =
    [
        "OrchardCore.Media",
    ])]

[assembly: Feature(
    Id = TimeToken.OrchardCore.FeatureIds.UploadSlots,
    Name = "Time-token upload slots",
    Category = "Media",
    Description = "Hands a client a short-lived URL to upload one file to, received by a handler registered on the server.",
    Dependencies =
    [
        TimeToken.OrchardCore.FeatureIds.TimeToken,
        "OrchardCore.Media",
    ])]

[assembly: Feature(
    Id = TimeToken.OrchardCore.FeatureIds.UploadSlotsApi,
    Name = "Time-token upload slots for API clients",
    Category = "Media",
    Description = "Lets GraphQL and JSON API clients ask for an upload slot into a media folder or onto a content item's media field, with Orchard's permissions.",
    Dependencies =
    [
        TimeToken.OrchardCore.FeatureIds.UploadSlots,
        "OrchardCore.Contents",
    ])]

[assembly: Feature(
    Id = TimeToken.OrchardCore.FeatureIds.ShareLinks,
    Name = "Time-token share links",
    Category = "Media",
    Description = "Lets editors share a protected file for a while through a link they can revoke.",
    Dependencies =
    [
        TimeToken.OrchardCore.FeatureIds.TimeToken,
        "OrchardCore.Media",
    ])]
