// Mirrors: src/OrchardCore/OrchardCore.Abstractions/OrchardCoreConstants.cs @ 3.0.1
namespace OrchardCore;

// Only the constants the module uses. Values are compiled into the module, so they must equal the real ones.
public static class OrchardCoreConstants
{
    public static class Roles
    {
        public const string Administrator = "Administrator";

        public const string Editor = "Editor";

        public const string Moderator = "Moderator";

        public const string Author = "Author";

        public const string Contributor = "Contributor";

        public const string Authenticated = "Authenticated";

        public const string Anonymous = "Anonymous";
    }

    public static class ConfigureOrder
    {
        public const int Default = 0;

        public const int Authentication = -150;

        public const int Media = Default;
        public const int AzureMediaStorage = Media + 10;
    }
}
