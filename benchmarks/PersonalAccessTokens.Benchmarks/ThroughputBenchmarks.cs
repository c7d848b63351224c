using BenchmarkDotNet.Attributes;

namespace PersonalAccessTokens.Benchmarks;

/// <summary>
/// The same number of HS256 validations on one thread and spread over every core. With no lock on the hot path,
/// the all-cores time per validation approaches the one-thread time divided by the core count.
/// </summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private const int Validations = 20_000;
    private BenchmarkTokens _tokens = null!;

    [Params("warm", "cold")]
    public string Path { get; set; } = "warm";

    [GlobalSetup]
    public void Setup() => _tokens = new BenchmarkTokens("HS256");

    [GlobalCleanup]
    public void Cleanup() => _tokens.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Validations, Description = "1 thread")]
    public void OneThread() => Run(threads: 1);

    [Benchmark(OperationsPerInvoke = Validations, Description = "all cores")]
    public void AllCores() => Run(Environment.ProcessorCount);

    private void Run(int threads)
    {
        var validator = Path == "warm" ? _tokens.CachedValidator : _tokens.UncachedValidator;
        var token = _tokens.Token;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            for (var i = 0; i < Validations / threads; i++)
            {
                var validation = validator.ValidateAsync(token);
                if (!validation.IsCompletedSuccessfully || !validation.Result.IsValid)
                {
                    throw new InvalidOperationException("A validation failed during the benchmark.");
                }
            }
        });
    }
}
