using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrchardCore.Apis.GraphQL;
using OrchardCore.Apis.GraphQL.Resolvers;

namespace TimeToken.OrchardCore.Uploads.Api;

/// <summary>
/// Adds the mutations <c>createMediaUploadSlot</c> and <c>createContentMediaUploadSlot</c> to Orchard's GraphQL schema,
/// both returning the type <c>UploadSlot</c>.
/// </summary>
/// <remarks>
/// Orchard's GraphQL endpoint already requires <c>ExecuteGraphQL</c> and, for a mutation, <c>ExecuteGraphQLMutations</c>.
/// Each field also requires <see cref="TimeTokenPermissions.CreateUploadSlots"/> (checked by Orchard's validation rule
/// before anything runs, and again by the resolver), then the request itself (a POST; for a caller signed in by cookie,
/// Orchard's antiforgery token in the <c>RequestVerificationToken</c> header: see <see cref="UploadSlotCaller"/>), then
/// the folder and content item checks of <see cref="UploadSlotRequests"/>. A refusal is a GraphQL error on the field,
/// whose value is <c>null</c>: no slot; each refusal of ours is logged (event 1311).
/// </remarks>
internal sealed class UploadSlotSchemaBuilder : ISchemaBuilder
{
    /// <summary>The channel name in the audit log.</summary>
    internal const string Channel = "GraphQL";

    public Task<string> GetIdentifierAsync() => Task.FromResult(string.Empty);

    public Task BuildAsync(ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var mutation = schema.Mutation ?? throw new InvalidOperationException("The schema has no Mutation type.");
        var slotType = new UploadSlotGraphType();

        var media = new FieldType
        {
            Name = "createMediaUploadSlot",
            Description = "Hands out a short-lived URL to POST one file to; the file is saved into a media folder.",
            ResolvedType = slotType,
            Arguments = new QueryArguments(
                new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "folder", Description = "The media folder, such as 'uploads/2026'; empty for the media root." },
                ExtensionsArgument(),
                MaxBytesArgument(),
                LifetimeArgument()),
            Resolver = new LockedAsyncFieldResolver<UploadSlotResponse?>(context => ResolveAsync(context, content: false)),
        };
        media.RequirePermission(TimeTokenPermissions.CreateUploadSlots);
        mutation.AddField(media);

        var content = new FieldType
        {
            Name = "createContentMediaUploadSlot",
            Description = "Hands out a short-lived URL to POST one file to; the file is saved into the media library and set on a content item's media field.",
            ResolvedType = slotType,
            Arguments = new QueryArguments(
                new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "contentItemId", Description = "The content item." },
                new QueryArgument<StringGraphType> { Name = "part", Description = "The part holding the field; default the part named as the content type." },
                new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "field", Description = "The media field." },
                new QueryArgument<BooleanGraphType> { Name = "replace", Description = "Replace the field's files instead of appending; default false." },
                new QueryArgument<StringGraphType> { Name = "folder", Description = "The media folder; default 'mediafields/{ContentType}/{ContentItemId}'." },
                ExtensionsArgument(),
                MaxBytesArgument(),
                LifetimeArgument()),
            Resolver = new LockedAsyncFieldResolver<UploadSlotResponse?>(context => ResolveAsync(context, content: true)),
        };
        content.RequirePermission(TimeTokenPermissions.CreateUploadSlots);
        mutation.AddField(content);

        return Task.CompletedTask;
    }

    private static QueryArgument<ListGraphType<NonNullGraphType<StringGraphType>>> ExtensionsArgument() =>
        new QueryArgument<ListGraphType<NonNullGraphType<StringGraphType>>> { Name = "extensions", Description = "Allowed extensions, such as [\".pdf\"]; default those of the media library." };

    private static QueryArgument<LongGraphType> MaxBytesArgument() =>
        new QueryArgument<LongGraphType> { Name = "maxBytes", Description = "The largest file in bytes; capped by the media library's limit." };

    private static QueryArgument<IntGraphType> LifetimeArgument() =>
        new QueryArgument<IntGraphType> { Name = "lifetimeSeconds", Description = "The slot's lifetime; default the link lifetime, capped by the longest lifetime." };

    private static async ValueTask<UploadSlotResponse?> ResolveAsync(IResolveFieldContext context, bool content)
    {
        var services = context.RequestServices ?? throw new InvalidOperationException("The GraphQL request has no services.");
        var user = context.User ?? (context.UserContext as GraphQLUserContext)?.User ?? new ClaimsPrincipal(new ClaimsIdentity());
        var request = new UploadSlotRequest
        {
            Folder = context.GetArgument<string?>("folder"),
            Extensions = context.GetArgument<List<string>?>("extensions"),
            MaxBytes = context.GetArgument<long?>("maxBytes"),
            LifetimeSeconds = context.GetArgument<int?>("lifetimeSeconds"),
        };

        var requests = services.GetRequiredService<UploadSlotRequests>();
        UploadSlotRequestResult result;
        if (await CheckRequestAsync(services).ConfigureAwait(false) is { } refusal)
        {
            requests.LogRefusal(user, Channel, refusal);
            result = UploadSlotRequestResult.Forbidden(refusal);
        }
        else if (content)
        {
            request.ContentItemId = context.GetArgument<string?>("contentItemId");
            request.Part = context.GetArgument<string?>("part");
            request.Field = context.GetArgument<string?>("field");
            request.Replace = context.GetArgument("replace", false);
            result = await requests.CreateContentSlotAsync(user, request, Channel, context.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            result = await requests.CreateMediaSlotAsync(user, request, Channel, context.CancellationToken).ConfigureAwait(false);
        }

        if (result.Status == UploadSlotRequestStatus.Created)
        {
            return result.Slot;
        }

        throw ToError(result);
    }

    // A mutation of ours is run only for a POST, and for a caller signed in by cookie only with a valid antiforgery
    // token: a link or form on another site must not hand out slots in the name of a signed-in user.
    private static async Task<string?> CheckRequestAsync(IServiceProvider services)
    {
        if (services.GetService<IHttpContextAccessor>()?.HttpContext is not { } httpContext)
        {
            return "Upload slots are handed out only to an HTTP request.";
        }

        // Orchard's endpoint made the principal of a valid bearer token the request's user; the handler's result is
        // cached for the request, so asking again costs nothing.
        var bearer = (await httpContext.AuthenticateAsync(UploadSlotCaller.ApiScheme).ConfigureAwait(false)).Succeeded;
        return await UploadSlotCaller.CheckRequestAsync(httpContext, bearer).ConfigureAwait(false);
    }

    private static ExecutionError ToError(UploadSlotRequestResult result)
    {
        var error = new ExecutionError(result.Field is null ? result.Message : $"{result.Field}: {result.Message}")
        {
            Code = result.Status switch
            {
                UploadSlotRequestStatus.Forbidden => "FORBIDDEN",
                UploadSlotRequestStatus.NotFound => "NOT_FOUND",
                UploadSlotRequestStatus.Unavailable => "UNAVAILABLE",
                _ => "INVALID_ARGUMENT",
            },
        };
        if (result.Field is not null)
        {
            error.Extensions = new Dictionary<string, object?> { ["field"] = result.Field };
        }

        return error;
    }
}

/// <summary>The GraphQL type <c>UploadSlot</c>: <c>url</c>, <c>expiresAt</c>, <c>maxBytes</c>, <c>allowedExtensions</c>.</summary>
internal sealed class UploadSlotGraphType : ObjectGraphType<UploadSlotResponse>
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
