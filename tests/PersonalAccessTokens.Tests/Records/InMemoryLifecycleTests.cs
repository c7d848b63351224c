using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PersonalAccessTokens.Specification.Tests;

namespace PersonalAccessTokens.Tests.Records;

/// <summary>The lifecycle specification on the in-memory defaults; "two nodes" share the stores, as one process's parts do.</summary>
public sealed class InMemoryLifecycleTests : PatLifecycleSpecification
{
    private InMemoryPatRecordStore _records = new();
    private InMemoryPatRevocationStore? _revocations;

    protected override Task ResetAsync()
    {
        _records = new InMemoryPatRecordStore();
        _revocations = null;
        return Task.CompletedTask;
    }

    protected override void UseStore(PersonalAccessTokenBuilder builder)
    {
        builder.Services.Replace(ServiceDescriptor.Singleton<IPatRecordStore>(_records));
        builder.Services.Replace(ServiceDescriptor.Singleton<IPatRevocationStore>(sp =>
            _revocations ??= new InMemoryPatRevocationStore(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<PersonalAccessTokenOptions>>())));
    }
}
