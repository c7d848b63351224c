using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Validation;

public sealed class PatValidatorConcurrencyTests
{
    [Test]
    public async Task Parallel_validations_while_keys_rotate_and_tokens_are_revoked_never_give_a_wrong_answer()
    {
        using var host = TestHost.Create(addDefaultKey: false, build: b => b.UseSigningKeyProvider<RotatingProvider>());
        var keys = (RotatingProvider)host.Provider.GetRequiredService<IPatSigningKeyProvider>();

        // Tokens of the stable key (RS256, so verification runs concurrently on one RSA object) and of the rotating key.
        keys.Publish(withRotatingKey: false);
        var stable = await IssueManyAsync(host, 40);
        keys.Publish(withRotatingKey: true);
        var rotating = await IssueManyAsync(host, 40);
        Assert.That(stable.Select(p => p.KeyId).Distinct(), Is.EqualTo((string[])["stable"]));
        Assert.That(rotating.Select(p => p.KeyId).Distinct(), Is.EqualTo((string[])["rotating"]));

        var revokedBefore = new ConcurrentDictionary<string, bool>();
        var wrong = new ConcurrentQueue<string>();

        // One writer rotates the ring and revokes tokens while eight readers validate.
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                keys.Publish(withRotatingKey: i % 2 == 0);
                if (i < stable.Count)
                {
                    await host.Revocations.RevokeAsync(stable[i]);
                    revokedBefore[stable[i].Id] = true; // Set only after the revocation completed.
                }

                await Task.Yield();
            }
        });

        await Parallel.ForAsync(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            var isStable = i % 2 == 0;
            var pat = isStable ? stable[i / 2 % stable.Count] : rotating[i / 2 % rotating.Count];
            var wasRevoked = revokedBefore.ContainsKey(pat.Id);
            var tampered = i % 7 == 0;
            var token = tampered ? pat.Token[..^2] + (pat.Token[^2] == 'A' ? "BA" : "AA") : pat.Token;

            var result = await host.Validator.ValidateAsync(token, cancellationToken);

            var ok = (tampered, isStable, wasRevoked) switch
            {
                (true, true, _) => result.Failure is PatValidationFailure.InvalidSignature or PatValidationFailure.Malformed,
                (true, false, _) => result.Failure is PatValidationFailure.InvalidSignature or PatValidationFailure.Malformed or PatValidationFailure.UnknownKey,
                (false, true, true) => result.Failure == PatValidationFailure.Revoked,
                (false, true, false) => result.Failure is PatValidationFailure.None or PatValidationFailure.Revoked,
                (false, false, _) => result.Failure is PatValidationFailure.None or PatValidationFailure.UnknownKey,
            };
            if (!ok || (result.IsValid && result.Pat!.Id != pat.Id))
            {
                wrong.Enqueue($"#{i} stable={isStable} tampered={tampered} revokedBefore={wasRevoked}: {result.Failure}");
            }
        });
        await writer;

        Assert.That(wrong, Is.Empty);
        Assert.That((await host.Validator.ValidateAsync(stable[0].Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
        Assert.That((await host.Validator.ValidateAsync(stable[^1].Token)).Failure, Is.EqualTo(PatValidationFailure.Revoked));
    }

    private static async Task<List<IssuedPat>> IssueManyAsync(TestHost host, int count)
    {
        var pats = new List<IssuedPat>();
        for (var i = 0; i < count; i++)
        {
            pats.Add(await host.IssueAsync(subject: $"user-{i}"));
        }

        return pats;
    }

    private sealed class RotatingProvider : IPatSigningKeyProvider
    {
        private static readonly PatSigningKey Stable = new(new RsaSecurityKey(TestKeys.Rsa2048) { KeyId = "stable" }, SecurityAlgorithms.RsaSha256, TestHost.Start.AddDays(-2));
        private static readonly PatSigningKey Rotating = new(TestHost.HmacKey("rotating"), SecurityAlgorithms.HmacSha256, TestHost.Start.AddDays(-1));
        private volatile IReadOnlyList<PatSigningKey> _keys = [Stable];

        public void Publish(bool withRotatingKey) => _keys = withRotatingKey ? [Stable, Rotating] : [Stable];

        public IReadOnlyList<PatSigningKey> GetSigningKeys() => _keys;
    }
}
