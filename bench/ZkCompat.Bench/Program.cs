using ZkCompat.Bench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

try
{
    if (options.Workload == "populate")
    {
        var (json, failed) = await Populate.RunAsync(options);
        Console.WriteLine(json);
        return failed == 0 ? 0 : 1;
    }

    var report = await BenchRunner.RunAsync(options);
    Console.WriteLine(report.ToJson());
    return report.Stats.ErrorsTotal == 0 ? 0 : 1;
}
catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or ArgumentException)
{
    Console.Error.WriteLine($"zkcompat-bench: {e.Message}");
    return 2;
}
