using ZkCompat.Bench.Engine;

namespace ZkCompat.Bench.Tests;

/// <summary>The allocation benchmark's bodies run once outside BenchmarkDotNet, so a broken harness fails CI.</summary>
public class ReadPathBenchmarksTests
{
    [Fact]
    public async Task Bodies_ReadTheNodeOverTheEngineAndThePipes()
    {
        var benchmarks = new ReadPathBenchmarks();
        benchmarks.SetUp();
        try
        {
            benchmarks.GetData_Engine();
            benchmarks.Exists_Engine();
            Assert.Equal(ReadPathBenchmarks.Pipelined, await benchmarks.GetData_OverPipes());
            Assert.Equal(ReadPathBenchmarks.Pipelined, await benchmarks.GetData_OverPipes());
        }
        finally
        {
            benchmarks.CleanUp();
        }
    }
}
