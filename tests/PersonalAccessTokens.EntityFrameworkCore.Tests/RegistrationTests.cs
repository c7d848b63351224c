using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAccessTokens.EntityFrameworkCore.Tests;

public sealed class RegistrationTests
{
    private static PersonalAccessTokenBuilder Tokens(IServiceCollection services) =>
        services.AddPersonalAccessTokens(o =>
            {
                o.Issuer = "https://issuer.example";
                o.Audience = "https://api.example";
            })
            .AddSigningKey(new SymmetricSecurityKey(new byte[32]) { KeyId = "k" }, SecurityAlgorithms.HmacSha256);

    [Test]
    public void Alone_the_database_keeps_records_and_revocations()
    {
        var services = new ServiceCollection();
        Tokens(services).AddEntityFrameworkStore(o => o.UseSqlite("Data Source=:memory:"));

        Assert.That(services.Last(d => d.ServiceType == typeof(IPatRevocationStore)).ImplementationType, Is.EqualTo(typeof(EntityFrameworkPatRevocationStore)));
        Assert.That(services.Last(d => d.ServiceType == typeof(IPatRecordStore)).ImplementationType, Is.EqualTo(typeof(EntityFrameworkPatRecordStore)));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void With_Redis_registered_before_or_after_Redis_carries_revocations_and_the_database_keeps_the_records(bool redisFirst)
    {
        var services = new ServiceCollection();
        var tokens = Tokens(services);
        if (redisFirst)
        {
            tokens.AddRedisRevocation("127.0.0.1:1").AddEntityFrameworkStore(o => o.UseSqlite("Data Source=:memory:"));
        }
        else
        {
            tokens.AddEntityFrameworkStore(o => o.UseSqlite("Data Source=:memory:")).AddRedisRevocation("127.0.0.1:1");
        }

        Assert.That(services.Last(d => d.ServiceType == typeof(IPatRevocationStore)).ImplementationType!.Name, Is.EqualTo("RedisPatRevocationStore"));
        Assert.That(services.Last(d => d.ServiceType == typeof(IPatRecordStore)).ImplementationType, Is.EqualTo(typeof(EntityFrameworkPatRecordStore)));
    }

    [Test]
    public void The_READMEs_two_registrations_register_the_database_store()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PersonalAccessTokens:Issuer"] = "https://issuer.example",
            ["PersonalAccessTokens:Audience"] = "https://api.example",
            ["ConnectionStrings:App"] = "Host=127.0.0.1;Database=app",
        }).Build();
        var own = new ServiceCollection();
        var app = new ServiceCollection();

        Fixtures.OwnDatabase.AddTokens(own, configuration);
        Fixtures.AppDatabase.AddTokens(app, configuration);

        foreach (var services in new[] { own, app })
        {
            Assert.That(services.Last(d => d.ServiceType == typeof(IPatRecordStore)).ImplementationType, Is.EqualTo(typeof(EntityFrameworkPatRecordStore)));
            Assert.That(services.Last(d => d.ServiceType == typeof(IPatRevocationStore)).ImplementationType, Is.EqualTo(typeof(EntityFrameworkPatRevocationStore)));
        }

        Assert.That(own.Any(d => d.ServiceType == typeof(PatDbContextSource) && d.ImplementationType == typeof(OwnContextSource)), Is.True);
        Assert.That(app.Any(d => d.ServiceType == typeof(PatDbContextSource) && d.ImplementationType == typeof(HostContextSource<Fixtures.AppDbContext>)), Is.True);
    }
}
