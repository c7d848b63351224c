using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens;

/// <summary>Serves a key set as the key-set endpoint and the <c>pat jwks</c> command do.</summary>
public static class PatJsonWebKeySetExtensions
{
    /// <summary>
    /// Writes the set as RFC 7517 JSON with only the public members the library sets, rather than serialising
    /// IdentityModel's objects, whose every property (key size, empty lists) would otherwise appear.
    /// </summary>
    /// <param name="set">The set, as <see cref="IPatJsonWebKeySetProvider.GetJsonWebKeySet"/> gives it.</param>
    /// <returns>The UTF-8 JSON, <c>{"keys":[...]}</c>.</returns>
    public static byte[] ToUtf8Json(this JsonWebKeySet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in set.Keys)
            {
                writer.WriteStartObject();
                WriteIfSet(writer, "kty", key.Kty);
                WriteIfSet(writer, "use", key.Use);
                WriteIfSet(writer, "kid", key.Kid);
                WriteIfSet(writer, "alg", key.Alg);
                WriteIfSet(writer, "n", key.N);
                WriteIfSet(writer, "e", key.E);
                WriteIfSet(writer, "crv", key.Crv);
                WriteIfSet(writer, "x", key.X);
                WriteIfSet(writer, "y", key.Y);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }
}
