using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Transport;
using GraphQL.Types;

namespace TimeToken.Sample;

/// <summary>
/// <c>POST /graphql</c>: runs a GraphQL request (<c>{"query", "variables", "operationName"}</c> as JSON) against
/// <see cref="SampleGraphQLSchema"/> and answers the result as JSON.
/// </summary>
/// <remarks>
/// No authentication: the sample is a demo and hands a slot to anybody. A real site authorises the caller first (the
/// Orchard Core feature does). Only JSON bodies are accepted, so a plain HTML form of another site cannot post here.
/// </remarks>
internal static class SampleGraphQLEndpoint
{
    /// <summary>The endpoint's path.</summary>
    public const string Path = "/graphql";

    private static readonly GraphQLSerializer Serializer = new();

    /// <summary>Registers the schema and the executer (one of each, built here: no assembly scanning).</summary>
    public static IServiceCollection AddSampleGraphQL(this IServiceCollection services)
    {
        services.AddSingleton<ISchema>(new SampleGraphQLSchema());
        services.AddSingleton<IDocumentExecuter>(new DocumentExecuter());
        return services;
    }

    /// <summary>Maps <c>POST /graphql</c>.</summary>
    public static IEndpointRouteBuilder MapSampleGraphQL(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ExecuteAsync);
        return endpoints;
    }

    private static async Task ExecuteAsync(HttpContext http, ISchema schema, IDocumentExecuter executer)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!http.Request.HasJsonContentType())
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        GraphQLRequest? request;
        try
        {
            request = await Serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            request = null;
        }

        ExecutionResult result;
        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            result = new ExecutionResult { Errors = [new ExecutionError("The body must be a JSON object with a 'query'.")] };
        }
        else
        {
            result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Schema = schema,
                Query = request.Query,
                Variables = request.Variables,
                Extensions = request.Extensions,
                OperationName = request.OperationName,
                RequestServices = http.RequestServices,
                UserContext = new Dictionary<string, object?> { [SampleMutationType.PathBaseKey] = http.Request.PathBase },
                CancellationToken = http.RequestAborted,
            }).ConfigureAwait(false);
        }

        // A request that did not run (unreadable, invalid) is a 400; one that ran is a 200, field errors included.
        http.Response.StatusCode = result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        http.Response.ContentType = "application/json; charset=utf-8";
        await Serializer.WriteAsync(http.Response.Body, result, http.RequestAborted).ConfigureAwait(false);
    }
}
