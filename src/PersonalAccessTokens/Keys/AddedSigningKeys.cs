namespace PersonalAccessTokens;

/// <summary>
/// Keys added in code by <c>AddSigningKey</c>. They are key objects, so they live apart from
/// <see cref="PersonalAccessTokenOptions"/>, which configuration binds.
/// </summary>
internal sealed class AddedSigningKeys
{
    public List<PatSigningKey> Keys { get; } = [];
}
