namespace PersonalAccessTokens.Tests.Support;

/// <summary>A fresh <see cref="TestHost"/> for every test, disposed after it.</summary>
public abstract class HostFixture
{
    protected TestHost Host { get; private set; } = null!;

    /// <summary>Override to register differently, e.g. more scopes.</summary>
    protected virtual TestHost CreateHost() => TestHost.Create();

    [SetUp]
    public void CreateHostForTest() => Host = CreateHost();

    [TearDown]
    public void DisposeHost() => Host.Dispose();
}
