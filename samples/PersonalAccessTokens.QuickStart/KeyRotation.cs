using Microsoft.IdentityModel.Tokens;
using PersonalAccessTokens;

internal static class KeyRotation
{
    // Publish the next key before it signs, switch at a set instant, and retire the old key only once the
    // tokens it signed have expired: retiring it earlier cuts them off with UnknownKey.
    public static PersonalAccessTokenBuilder AddRotatingKeys(this PersonalAccessTokenBuilder builder, SecurityKey current, SecurityKey next)
    {
        var switchAt = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var lastOldToken = switchAt + TimeSpan.FromDays(366); // MaxLifetime after the switch.

        return builder
            .AddSigningKey(current, SecurityAlgorithms.EcdsaSha256, activatesAt: null, retiresAt: lastOldToken)
            .AddSigningKey(next, SecurityAlgorithms.EcdsaSha256, activatesAt: switchAt, retiresAt: null);
    }
}
