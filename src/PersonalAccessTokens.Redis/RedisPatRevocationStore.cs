using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PersonalAccessTokens.Redis;

/// <summary>
/// Revocations are written to Redis, acknowledged, and published to every node; checks answer from this node's
/// replica and make no network call.
/// </summary>
internal sealed class RedisPatRevocationStore(
    RevocationReplica replica,
    RedisConnection connection,
    RedisKeys keys,
    IOptions<RedisRevocationOptions> options,
    IOptions<PersonalAccessTokenOptions> tokenOptions,
    TimeProvider timeProvider) : IPatRevocationStore
{
    // SET with EXAT: the key lives exactly as long as the token would. Publishing in the same script means a
    // revocation is announced only once it is stored.
    private const string RevokeTokenScript = """
        redis.call('SET', KEYS[1], ARGV[1], 'EXAT', ARGV[1])
        redis.call('PUBLISH', ARGV[3], ARGV[2])
        return 1
        """;

    // The epoch only moves forward, whichever node writes last.
    private const string RevokeSubjectScript = """
        local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
        if tonumber(ARGV[1]) > current then
          redis.call('SET', KEYS[1], ARGV[1], 'EXAT', ARGV[2])
        end
        redis.call('PUBLISH', ARGV[4], ARGV[3])
        return 1
        """;

    private readonly RedisRevocationOptions _options = options.Value;

    public async ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        cancellationToken.ThrowIfCancellationRequested();
        if (expiresAt <= timeProvider.GetUtcNow())
        {
            return; // It fails as expired everywhere already.
        }

        var exp = expiresAt.ToUnixTimeSeconds();
        var database = (await connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        await database.ScriptEvaluateAsync(
            RevokeTokenScript,
            [keys.Token(tokenId)],
            [exp, RedisKeys.Message(RedisKeys.TokenMessage, exp, tokenId), keys.Channel.ToString()]).ConfigureAwait(false);
        replica.AddToken(tokenId, exp);
    }

    public async ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedBefore, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        cancellationToken.ThrowIfCancellationRequested();
        var epoch = issuedBefore.ToUnixTimeSeconds();

        // Kept while a token issued before the epoch could still be alive.
        var forgetAt = (issuedBefore + SubjectRetention(tokenOptions.Value)).ToUnixTimeSeconds();
        var database = (await connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        await database.ScriptEvaluateAsync(
            RevokeSubjectScript,
            [keys.Subject(subject)],
            [epoch, forgetAt, RedisKeys.Message(RedisKeys.SubjectMessage, epoch, subject), keys.Channel.ToString()]).ConfigureAwait(false);
        replica.AddSubject(subject, epoch);
    }

    public ValueTask<PatRevocationStatus> CheckAsync(ValidatedPat pat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pat);
        if (_options.OutageBehavior == RedisOutageBehavior.FailClosed
            && replica.StalenessAt(timeProvider.GetUtcNow()) > _options.StalenessLimit)
        {
            return new ValueTask<PatRevocationStatus>(PatRevocationStatus.Unavailable);
        }

        return new ValueTask<PatRevocationStatus>(replica.IsRevoked(pat) ? PatRevocationStatus.Revoked : PatRevocationStatus.NotRevoked);
    }

    internal static TimeSpan SubjectRetention(PersonalAccessTokenOptions options) => options.MaxLifetime + options.ClockSkew;
}
