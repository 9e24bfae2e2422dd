using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Host.Config;
using ZkCompat.Server.Persistence;

namespace ZkCompat.Server.Host;

/// <summary>
/// The zkcompat executable: zkcompat [-Dkey=value ...] &lt;zoo.cfg&gt;. The -D options are the JVM
/// system properties Java ZooKeeper reads (what SERVER_JVMFLAGS carries). Runs until SIGTERM or SIGINT.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var systemProperties = SystemProperties.Parse(args.Where(a => a.StartsWith("-D", StringComparison.Ordinal)));
        args = [.. args.Where(a => !a.StartsWith("-D", StringComparison.Ordinal))];
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("usage: zkcompat [-Dkey=value ...] <zoo.cfg>").ConfigureAwait(false);
            return 2;
        }

        using var loggers = Logging.Create();
        var logger = loggers.CreateLogger("ZkCompat");
        Options.ServerOptions options;
        try
        {
            (options, var notes) = ZooCfg.Load(args[0], systemProperties);
            foreach (var note in notes)
                HostLog.ConfigNote(logger, args[0], note);
        }
        catch (ConfigException e)
        {
            HostLog.InvalidConfig(logger, args[0], e.Message);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, stop));
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, stop));
        StandaloneServer server;
        try
        {
            server = StandaloneServer.Start(options, loggers);
        }
        catch (Exception e) when (e is RecoveryException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            HostLog.CannotStart(logger, e.Message);
            return 1;
        }

        await using (server)
        {
            var stopped = Task.Delay(Timeout.Infinite, stop.Token);
            if (await Task.WhenAny(stopped, server.Failure).ConfigureAwait(false) == server.Failure)
                return 3;
            HostLog.Stopping(logger);
        }

        return 0;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
