using BenchmarkDotNet.Attributes;

namespace ZkCompat.Bench.Engine;

/// <summary>
/// Bytes allocated per read request on the embedded engine (issue 8's target: 0 in steady state).
/// <c>Engine</c> rows are the apply loop alone with the reply encoded; <c>OverPipes</c> is the
/// whole server path (frame decode, the loop, reply encode, the connection's writer) for 1000
/// pipelined getData requests over in-memory pipes, reported per request.
/// </summary>
[MemoryDiagnoser]
public class ReadPathBenchmarks
{
    public const int Pipelined = 1000;
    private EngineHarness? _harness;

    [GlobalSetup]
    public void SetUp() => _harness = EngineHarness.StartAsync(Pipelined).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp() => _harness!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public void GetData_Engine() => _harness!.GetDataOnEngine();

    [Benchmark]
    public void Exists_Engine() => _harness!.ExistsOnEngine();

    [Benchmark(OperationsPerInvoke = Pipelined)]
    public Task<int> GetData_OverPipes() => _harness!.GetDataOverPipesAsync(Pipelined);
}
