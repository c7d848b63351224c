using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PersonalAccessTokens.Tests.Support;

/// <summary>
/// Builds tokens by hand and signs them with the test host's HMAC key, so the signature is valid and only
/// the rule under test is broken.
/// </summary>
public static class TokenForge
{
    public static readonly long Now = TestHost.Start.ToUnixTimeSeconds();

    public const string Header = """{"alg":"HS256","kid":"hmac-1","typ":"pat+jwt"}""";

    public static string Payload(
        string iss = $"\"{TestHost.Issuer}\"",
        string aud = $"\"{TestHost.Audience}\"",
        string sub = "\"alice\"",
        string jti = "\"id-1\"",
        string? iat = null,
        string? nbf = null,
        string? exp = null,
        string? scope = "\"repo:read\"",
        string? extra = null)
    {
        var members = new List<string>
        {
            $"\"iss\":{iss}",
            $"\"aud\":{aud}",
            $"\"sub\":{sub}",
            $"\"jti\":{jti}",
            $"\"iat\":{iat ?? Now.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            $"\"nbf\":{nbf ?? Now.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            $"\"exp\":{exp ?? (Now + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        };
        if (scope is not null)
        {
            members.Add($"\"scope\":{scope}");
        }

        if (extra is not null)
        {
            members.Add(extra);
        }

        return "{" + string.Join(',', members.Where(m => !m.EndsWith(":OMIT", StringComparison.Ordinal))) + "}";
    }

    /// <summary>Signs header.payload with the test HMAC key.</summary>
    public static string Sign(string header = Header, string? payload = null, byte[]? secret = null) =>
        SignSegments(Encode(header), Encode(payload ?? Payload()), secret);

    public static string SignSegments(string headerSegment, string payloadSegment, byte[]? secret = null)
    {
        var input = headerSegment + "." + payloadSegment;
        var mac = HMACSHA256.HashData(secret ?? TestHost.HmacSecret, Encoding.ASCII.GetBytes(input));
        return input + "." + Base64Url.EncodeToString(mac);
    }

    public static string Encode(string json) => Encode(Encoding.UTF8.GetBytes(json));

    public static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
