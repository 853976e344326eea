using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TimeToken.Core.Media;

namespace TimeToken.Benchmarks;

/// <summary>
/// One protected media request through <see cref="MediaGateMiddleware"/> with a valid token, on a reused
/// <see cref="DefaultHttpContext"/>, against a middleware that only calls the next one. The next middleware stands in
/// for StaticFiles: it sets the content headers (and, in one case, <c>Cache-Control</c> as
/// <c>StaticFileOptions.OnPrepareResponse</c> would) and then starts the response, running the
/// <c>OnStarting</c> callbacks as a server does. Set-up checks that the gate lets the request through and writes the
/// protected headers.
/// </summary>
[MemoryDiagnoser]
public class GateBenchmarks
{
    private ServiceProvider _services = null!;
    private DefaultHttpContext _context = null!;
    private StartingFeature _responseFeature = null!;
    private MediaGateMiddleware _gate = null!;
    private MediaGateMiddleware _gatePublicCacheControl = null!;
    private RequestDelegate _passThrough = null!;
    private QueryString _query;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchmarkData.CreateServices(new FixedFileInfoSource());
        var signer = _services.GetRequiredService<IMediaUrlSigner>();
        var url = signer.Sign(MediaUrlRequest.ForPath(BenchmarkData.Subject)).Url ?? throw new InvalidOperationException("The media URL was not signed.");
        var query = url[url.IndexOf('?', StringComparison.Ordinal)..];

        _responseFeature = new StartingFeature();
        _context = new DefaultHttpContext();
        _context.Features.Set<IHttpResponseFeature>(_responseFeature);
        _context.Request.Method = HttpMethods.Get;
        _context.Request.Path = "/media/" + BenchmarkData.Subject;
        _query = new QueryString(query);
        _context.Request.QueryString = _query;

        _gate = CreateGate(StaticFile);
        _gatePublicCacheControl = CreateGate(StaticFileWithCacheControl);
        RequestDelegate next = StaticFile;
        _passThrough = context => next(context);

        Gate().GetAwaiter().GetResult();
        Check("private, max-age=");
        if (_context.Request.QueryString.HasValue)
        {
            throw new InvalidOperationException("The gate passed the token on.");
        }

        GatePublicCacheControl().GetAwaiter().GetResult();
        Check("private, max-age=");
        PassThrough().GetAwaiter().GetResult();
        if (_context.Response.Headers.ContainsKey("Referrer-Policy"))
        {
            throw new InvalidOperationException("The baseline wrote the gate's headers.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>A middleware that only calls the next one (the cost of a pipeline step that does nothing).</summary>
    [Benchmark(Baseline = true, Description = "Pass-through middleware")]
    public Task PassThrough()
    {
        Reset();
        return _passThrough(_context);
    }

    /// <summary>The gate with a valid token; StaticFiles sets no Cache-Control (its default).</summary>
    [Benchmark(Description = "Gate, valid token")]
    public Task Gate()
    {
        Reset();
        return _gate.InvokeAsync(_context);
    }

    /// <summary>The gate with a valid token; StaticFiles sets <c>public, max-age=600</c> (OnPrepareResponse).</summary>
    [Benchmark(Description = "Gate, valid token, downstream public max-age")]
    public Task GatePublicCacheControl()
    {
        Reset();
        return _gatePublicCacheControl.InvokeAsync(_context);
    }

    private static Task StaticFile(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "application/pdf";
        response.ContentLength = 4096;
        return ((StartingFeature)context.Features.Get<IHttpResponseFeature>()!).StartAsync();
    }

    private static Task StaticFileWithCacheControl(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=600";
        return StaticFile(context);
    }

    private MediaGateMiddleware CreateGate(RequestDelegate next) =>
        ActivatorUtilities.CreateInstance<MediaGateMiddleware>(
            _services, next, new PathString("/media"), NullLogger<MediaGateMiddleware>.Instance);

    // The gate takes the token out of the request's query: each request starts with it again.
    private void Reset()
    {
        _responseFeature.Reset();
        _context.Request.QueryString = _query;
    }

    private void Check(string cacheControlStart)
    {
        var response = _context.Response;
        if (response.StatusCode != 200
            || !response.Headers.CacheControl.ToString().StartsWith(cacheControlStart, StringComparison.Ordinal)
            || response.Headers["Referrer-Policy"] != "no-referrer")
        {
            throw new InvalidOperationException($"The gate answered {response.StatusCode} with Cache-Control '{response.Headers.CacheControl}'.");
        }
    }

    /// <summary>A response feature that keeps the OnStarting callbacks and runs them when the response starts.</summary>
    private sealed class StartingFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = new(4);

        public override bool HasStarted => false;

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            for (var i = _starting.Count - 1; i >= 0; i--)
            {
                await _starting[i].Callback(_starting[i].State);
            }
        }

        public void Reset()
        {
            _starting.Clear();
            Headers.Clear();
            StatusCode = 200;
        }
    }

    /// <summary>Says every file exists, with the fixed version of <see cref="BenchmarkData.Version"/>.</summary>
    private sealed class FixedFileInfoSource : IMediaFileInfoSource
    {
        public ValueTask<MediaFileInfo> GetFileInfoAsync(string normalizedPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new MediaFileInfo(true, DateTimeOffset.FromUnixTimeSeconds(1_764_000_000), 4096));
    }
}
