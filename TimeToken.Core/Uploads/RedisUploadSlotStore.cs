using StackExchange.Redis;

namespace TimeToken.Core.Uploads;

/// <summary>
/// A slot store in Redis, shared by every node. Each slot is one hash (<c>{prefix}{slotId}</c>) with the record and
/// its state, whose key expires with the slot; every state change is one Lua script, so it is atomic across nodes.
/// </summary>
/// <remarks>
/// <para>
/// The connection is made lazily on first use and then shared. It does not abort when Redis is down and fails fast
/// instead of queueing commands: while Redis is unreachable every call throws
/// <see cref="UploadSlotStoreUnavailableException"/> (the endpoint answers 503), and it reconnects by itself.
/// </para>
/// <para>
/// A claim lives until the slot expires (the key's TTL), so a node that crashes mid-upload blocks that slot only
/// until its expiry. Use persistence (RDB or AOF) on the Redis server if a restart must not forget slots; without it
/// a restart makes every open slot unknown (404), never usable twice.
/// </para>
/// <para>Security: the connection string is never logged nor put into exception messages.</para>
/// </remarks>
internal sealed class RedisUploadSlotStore : IUploadSlotStore, IDisposable
{
    private const string SaveScript = """
        redis.call('HSET', KEYS[1], 'r', ARGV[1], 's', 'f')
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    private const string ClaimScript = """
        local s = redis.call('HGET', KEYS[1], 's')
        if not s then return {0} end
        if s ~= 'f' then return {2} end
        redis.call('HSET', KEYS[1], 's', 'c' .. ARGV[1])
        return {1, redis.call('HGET', KEYS[1], 'r')}
        """;

    private const string ReleaseScript = """
        if redis.call('HGET', KEYS[1], 's') == 'c' .. ARGV[1] then
          redis.call('HSET', KEYS[1], 's', 'f')
          return 1
        end
        return 0
        """;

    // Field 'n' counts failed attempts; at ARGV[2] failures the slot is spent like a used one.
    private const string FailScript = """
        if redis.call('HGET', KEYS[1], 's') ~= 'c' .. ARGV[1] then return 0 end
        if redis.call('HINCRBY', KEYS[1], 'n', 1) >= tonumber(ARGV[2]) then
          redis.call('HSET', KEYS[1], 's', 'u')
          redis.call('HDEL', KEYS[1], 'r')
          return 2
        end
        redis.call('HSET', KEYS[1], 's', 'f')
        return 1
        """;

    private const string CompleteScript = """
        if redis.call('HGET', KEYS[1], 's') == 'c' .. ARGV[1] then
          redis.call('HSET', KEYS[1], 's', 'u')
          redis.call('HDEL', KEYS[1], 'r')
          return 1
        end
        return 0
        """;

    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private readonly bool _ownsConnection;
    private readonly string _keyPrefix;

    /// <summary>Creates a store that connects, on first use, with a StackExchange.Redis connection string.</summary>
    /// <param name="configuration">The connection string, such as <c>localhost:6379,password=…</c>.</param>
    /// <param name="keyPrefix">The prefix of every key.</param>
    /// <exception cref="ArgumentException">The connection string cannot be parsed.</exception>
    public RedisUploadSlotStore(string configuration, string keyPrefix = UploadSlotServerOptions.DefaultRedisKeyPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy ??= new ExponentialRetry(250, 5000);
        _connection = new(async () => await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false));
        _ownsConnection = true;
        _keyPrefix = keyPrefix;
    }

    /// <summary>Creates a store over a connection the caller owns and shares.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="keyPrefix">The prefix of every key.</param>
    public RedisUploadSlotStore(IConnectionMultiplexer connection, string keyPrefix = UploadSlotServerOptions.DefaultRedisKeyPrefix)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _connection = new(Task.FromResult(connection));
        _keyPrefix = keyPrefix;
    }

    /// <inheritdoc/>
    public async Task SaveAsync(UploadSlotRecord record, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var milliseconds = Math.Max(1, (long)Math.Ceiling(timeToLive.TotalMilliseconds));
        await RunAsync(SaveScript, record.SlotId, [record.ToJson(), milliseconds]).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<UploadSlotClaim> TryClaimAsync(string slotId, CancellationToken cancellationToken = default)
    {
        var claimId = MemoryUploadSlotStore.NewClaimId();
        var result = (RedisResult[])(await RunAsync(ClaimScript, slotId, [claimId]).ConfigureAwait(false))!;
        return (int)result[0] switch
        {
            1 => UploadSlotClaim.Claimed(UploadSlotRecord.FromJson((string)result[1]!), claimId),
            2 => UploadSlotClaim.AlreadyUsedOrInUse,
            _ => UploadSlotClaim.NotFound,
        };
    }

    /// <inheritdoc/>
    public async Task ReleaseAsync(string slotId, string claimId, CancellationToken cancellationToken = default) =>
        await RunAsync(ReleaseScript, slotId, [claimId]).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<bool> ReleaseAfterFailureAsync(string slotId, string claimId, int maxFailures, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFailures);
        return (int)await RunAsync(FailScript, slotId, [claimId, maxFailures]).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task CompleteAsync(string slotId, string claimId, CancellationToken cancellationToken = default) =>
        await RunAsync(CompleteScript, slotId, [claimId]).ConfigureAwait(false);

    /// <summary>Closes the connection when this store made it.</summary>
    public void Dispose()
    {
        if (_ownsConnection && _connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            _connection.Value.Result.Dispose();
        }
    }

    private async Task<RedisResult> RunAsync(string script, string slotId, RedisValue[] values)
    {
        ArgumentNullException.ThrowIfNull(slotId);
        try
        {
            var connection = await _connection.Value.ConfigureAwait(false);
            var database = connection.GetDatabase();
            return await database.ScriptEvaluateAsync(script, [new RedisKey(_keyPrefix + slotId)], values).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or TimeoutException)
        {
            throw new UploadSlotStoreUnavailableException("The upload slot store (Redis) is unavailable.", ex);
        }
    }
}
