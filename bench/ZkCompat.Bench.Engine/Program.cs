using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ZkCompat.Bench.Engine;

if (args is ["--tree-memory", var count])
{
    Console.WriteLine(TreeMemory.Measure(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)));
    return;
}

if (args is ["--make-snapshot", var targetDir, var nodes])
{
    Console.WriteLine(TreeMemory.MakeSnapshot(targetDir, int.Parse(nodes, System.Globalization.CultureInfo.InvariantCulture)));
    return;
}

if (args is ["--recover", var dataDir])
{
    Console.WriteLine(RecoveryTiming.Measure(dataDir));
    return;
}

// In-process: BenchmarkDotNet 0.14 cannot generate a project for net10.0, and the engine is
// internal to this assembly's friends anyway.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(ReadPathBenchmarks).Assembly).Run(args, config);
