using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalAccessTokens.Specification.Tests;

namespace PersonalAccessTokens.EntityFrameworkCore.Tests;

/// <summary>The host's own context: the token tables join its model, and its migrations (here EnsureCreated) own the schema.</summary>
public sealed class HostContextTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task The_store_works_through_a_host_context_that_applies_the_model()
    {
        var directory = Directory.CreateTempSubdirectory("pat-host-context-").FullName;
        var connection = $"Data Source={Path.Combine(directory, "app.db")}";
        void Services(IServiceCollection s) => s.AddDbContext<ShopContext>(o => o.UseSqlite(connection));
        void Store(PersonalAccessTokenBuilder b) => b.AddEntityFrameworkStore<ShopContext>();
        await using (var setup = new ShopContext(new DbContextOptionsBuilder<ShopContext>().UseSqlite(connection).Options))
        {
            await setup.Database.EnsureCreatedAsync(); // What the host's migrations do.
        }

        try
        {
            PatRecord? listed;
            await using (var node = await LifecycleNode.StartAsync(Start, Store, Services))
            {
                var pat = await node.IssueAsync();
                await node.Manager.RevokeAsync("alice", pat.Id);
                await node.StopAsync();
                await using var restarted = await LifecycleNode.StartAsync(node.Time.GetUtcNow(), Store, Services);
                Assert.That(await restarted.ValidateAsync(pat), Is.EqualTo(PatValidationFailure.Revoked));
                listed = (await restarted.Manager.ListAsync("alice")).Single();
            }

            await using var shop = new ShopContext(new DbContextOptionsBuilder<ShopContext>().UseSqlite(connection).Options);
            Assert.That(listed.RevocationReason, Is.EqualTo(PatRevocationReason.Revoked));
            Assert.That(await shop.Orders.CountAsync(), Is.Zero, "the host's own tables sit beside the token tables");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
    {
        public DbSet<Order> Orders => Set<Order>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyPersonalAccessTokens();
    }

    private sealed class Order
    {
        public int Id { get; set; }
    }
}
