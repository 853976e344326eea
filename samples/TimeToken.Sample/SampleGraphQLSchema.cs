using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using TimeToken.Core.Uploads;

namespace TimeToken.Sample;

/// <summary>
/// The sample's GraphQL schema, built by hand: <c>Query { uploadSlotsEnabled }</c> and
/// <c>Mutation { createMediaUploadSlot(folder, extensions, maxBytes, lifetimeSeconds): UploadSlot }</c>, the same
/// mutation and answer as the Orchard Core feature's.
/// </summary>
/// <remarks>
/// No authentication: this is a demo, and anybody who can reach it gets a slot. A real site must authorise the caller
/// before it hands out a slot (the Orchard Core feature requires the permission <c>CreateUploadSlots</c> and the
/// rights on the target folder).
/// </remarks>
internal sealed class SampleGraphQLSchema : Schema
{
    public SampleGraphQLSchema()
    {
        Query = new SampleQueryType();
        Mutation = new SampleMutationType();
    }
}

/// <summary>The type <c>Query</c>; GraphQL needs one, the sample's is a single flag.</summary>
internal sealed class SampleQueryType : ObjectGraphType
{
    public SampleQueryType()
    {
        Name = "Query";
        Field<NonNullGraphType<BooleanGraphType>>("uploadSlotsEnabled")
            .Description("Whether this site hands out upload slots (always true in the sample).")
            .Resolve(_ => true);
    }
}

/// <summary>The type <c>Mutation</c> with <c>createMediaUploadSlot</c>.</summary>
internal sealed partial class SampleMutationType : ObjectGraphType
{
    /// <summary>The error code of an invalid argument, as in the Orchard Core feature.</summary>
    public const string InvalidArgumentCode = "INVALID_ARGUMENT";

    /// <summary>The user context entry holding the request's path base (a <see cref="PathString"/>), put in front of slot URLs.</summary>
    public const string PathBaseKey = "pathBase";

    public SampleMutationType()
    {
        Name = "Mutation";
        AddField(new FieldType
        {
            Name = "createMediaUploadSlot",
            Description = "Hands out a short-lived URL to POST one file to; the file is saved into a media folder.",
            ResolvedType = new UploadSlotGraphType(),
            Arguments = new QueryArguments(
                new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "folder", Description = "The media folder, such as 'uploads/2026'; empty for the media root." },
                new QueryArgument<ListGraphType<NonNullGraphType<StringGraphType>>> { Name = "extensions", Description = "Allowed extensions, such as [\".pdf\"]; default those of TimeToken:Uploads:AllowedExtensions." },
                new QueryArgument<LongGraphType> { Name = "maxBytes", Description = "The largest file in bytes; capped by TimeToken:Uploads:MaxBytes." },
                new QueryArgument<IntGraphType> { Name = "lifetimeSeconds", Description = "The slot's lifetime; default the link lifetime, capped by the longest lifetime." }),
            Resolver = new FuncFieldResolver<UploadSlotAnswer?>(CreateMediaUploadSlotAsync),
        });
    }

    private static async ValueTask<UploadSlotAnswer?> CreateMediaUploadSlotAsync(IResolveFieldContext context)
    {
        // Sample only: no authentication and no authorisation. A real site checks the caller here, before anything else.
        var folder = context.GetArgument<string>("folder");
        System.Text.Json.JsonElement arguments;
        try
        {
            arguments = SaveToFolderUploadSlotHandler.CreateArguments(folder);
        }
        catch (ArgumentException)
        {
            throw Invalid("folder", "The folder must be a relative media folder with '/' separators, without '.' or '..' segments.");
        }

        var options = new UploadSlotOptions();
        if (context.GetArgument<long?>("maxBytes") is { } maxBytes)
        {
            options.MaxBytes = maxBytes > 0 ? maxBytes : throw Invalid("maxBytes", "maxBytes must be positive.");
        }

        if (context.GetArgument<int?>("lifetimeSeconds") is { } lifetime)
        {
            options.Lifetime = lifetime > 0 ? TimeSpan.FromSeconds(lifetime) : throw Invalid("lifetimeSeconds", "lifetimeSeconds must be positive.");
        }

        if (context.GetArgument<List<string>?>("extensions") is { } extensions)
        {
            if (extensions.Count == 0 || extensions.Count > 64 || extensions.Any(e => e is null || !ExtensionPattern().IsMatch(e)))
            {
                throw Invalid("extensions", "extensions must list 1 to 64 extensions such as '.pdf' (a dot, then 1 to 16 letters, digits, '-' or '_').");
            }

            options.AllowedExtensions = extensions;
        }

        var services = context.RequestServices ?? throw new InvalidOperationException("The GraphQL request has no services.");
        UploadSlot slot;
        try
        {
            slot = await services.GetRequiredService<IUploadSlotService>().CreateAsync(
                SaveToFolderUploadSlotHandler.DefaultName, arguments, options, context.CancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            // Every other argument was checked above: what is left is an extension list the site does not allow at all.
            throw Invalid("extensions", "None of the requested extensions is allowed by TimeToken:Uploads:AllowedExtensions.");
        }
        catch (UploadSlotStoreUnavailableException)
        {
            throw new ExecutionError("The upload slot store is unavailable; try again later.") { Code = "UNAVAILABLE" };
        }

        var pathBase = context.UserContext.TryGetValue(PathBaseKey, out var value) && value is PathString path ? path : PathString.Empty;
        return new UploadSlotAnswer(pathBase + slot.Url, slot.ExpiresAt, slot.MaxBytes, slot.AllowedExtensions);
    }

    /// <summary>A GraphQL error on the field whose message starts with the argument's name, also in <c>extensions.field</c>.</summary>
    private static ExecutionError Invalid(string argument, string message) =>
        new($"{argument}: {message}")
        {
            Code = InvalidArgumentCode,
            Extensions = new Dictionary<string, object?> { ["field"] = argument },
        };

    [GeneratedRegex("^\\.[A-Za-z0-9_-]{1,16}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionPattern();
}

/// <summary>A slot as the mutation answers it.</summary>
internal sealed record UploadSlotAnswer(string Url, DateTimeOffset ExpiresAt, long MaxBytes, IReadOnlyList<string> AllowedExtensions);

/// <summary>The type <c>UploadSlot</c>: <c>url</c>, <c>expiresAt</c>, <c>maxBytes</c>, <c>allowedExtensions</c>.</summary>
internal sealed class UploadSlotGraphType : ObjectGraphType<UploadSlotAnswer>
{
    public UploadSlotGraphType()
    {
        Name = "UploadSlot";
        Description = "A short-lived URL that accepts one POST of one file, and its limits. The URL is a bearer credential.";
        Field<NonNullGraphType<StringGraphType>>("url").Description("The URL to POST the file to (multipart, or the raw body with X-File-Name); relative to the site's host.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("expiresAt").Description("When the slot stops accepting an upload.").Resolve(c => c.Source.ExpiresAt);
        Field<NonNullGraphType<LongGraphType>>("maxBytes").Description("The largest accepted file, in bytes.").Resolve(c => c.Source.MaxBytes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("allowedExtensions").Description("The accepted extensions; empty for any.").Resolve(c => c.Source.AllowedExtensions);
    }
}
