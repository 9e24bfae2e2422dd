using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests;

/// <summary>Starts a fresh server, runs one client script against it, and fails with both sides' output.</summary>
internal static class ClientScenario
{
    private const int ServerLogChars = 30_000;

    public static async Task RunAsync(
        string server,
        string interpreter,
        string script,
        Func<IServerUnderTest, IReadOnlyList<string>> arguments,
        TimeSpan timeout)
    {
        await using var zk = await ServerUnderTest.StartAsync(server);
        var run = await ClientRun.StartAsync(interpreter, script, arguments(zk), timeout);
        if (!run.Passed)
        {
            Assert.Fail(
                $"{script} against '{server}': {run.Describe()}\n" +
                $"--- client output ---\n{run.Output}\n" +
                zk.Describe(ServerLogChars));
        }
    }
}
