using System.Text;
using PersonalAccessTokens.Tests.Support;

namespace PersonalAccessTokens.Tests.Validation;

/// <summary>The validator returns a result for every input: mutated tokens, re-signed so the JSON rules are reached.</summary>
public sealed class PatValidatorRobustnessTests : HostFixture
{
    [Test]
    public async Task Validate_never_throws_for_randomly_mutated_and_resigned_tokens()
    {
        var random = new Random(20261128); // Fixed seed: a failure reproduces.
        var header = Encoding.UTF8.GetBytes(TokenForge.Header);
        var payload = Encoding.UTF8.GetBytes(TokenForge.Payload(extra: "\"name\":\"ci \\u00e9\",\"x\":[1,{\"y\":null}]"));
        var counts = new Dictionary<PatValidationFailure, int>();

        for (var i = 0; i < 5_000; i++)
        {
            var mutatedHeader = i % 4 == 0 ? Mutate(header, random) : header;
            var mutatedPayload = i % 4 == 0 ? payload : Mutate(payload, random);
            var token = TokenForge.SignSegments(TokenForge.Encode(mutatedHeader), TokenForge.Encode(mutatedPayload));

            var result = await Host.Validator.ValidateAsync(token);

            counts[result.Failure] = counts.GetValueOrDefault(result.Failure) + 1;
            Assert.That(result.Message, Does.Not.Contain(token.Split('.')[1]));
        }

        // The mutations reach deep into the rules, not just the first one.
        Assert.That(counts.Keys, Is.SupersetOf((PatValidationFailure[])[PatValidationFailure.Malformed, PatValidationFailure.InvalidType, PatValidationFailure.UnknownKey, PatValidationFailure.InvalidIssuer]));
    }

    [Test]
    public async Task Validate_never_throws_for_random_text()
    {
        var random = new Random(7);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u00e9\0";
        for (var i = 0; i < 5_000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 200)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

            var result = await Host.Validator.ValidateAsync(text);

            Assert.That(result.IsValid, Is.False);
        }
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = source.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            byte[] interesting = [(byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)',', (byte)':', (byte)'0', (byte)'.', (byte)'e', 0x80, 0xC3, 0xFF, (byte)'u'];
            switch (random.Next(3))
            {
                case 0:
                    bytes[at] = interesting[random.Next(interesting.Length)];
                    break;
                case 1:
                    bytes.Insert(at, interesting[random.Next(interesting.Length)]);
                    break;
                default:
                    bytes.RemoveAt(at);
                    break;
            }
        }

        return [.. bytes];
    }
}
