using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using ZkCompat.Server.Host.Config;
using ZkCompat.Server.Ops;
using ZkCompat.Server.Persistence;

namespace ZkCompat.Server.Host;

/// <summary>
/// The zkcompat executable (see <see cref="CommandLine"/>). Runs until SIGTERM or SIGINT, then
/// shuts down gracefully: stops accepting, closes connections (sessions live on), flushes the
/// log and exits 0. Exit codes: 1 cannot start, 2 bad usage or config, 3 storage failed.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var command = CommandLine.Parse(args);
        if (command.Error is not null)
        {
            await Console.Error.WriteLineAsync($"{command.Error}\n{CommandLine.Usage}").ConfigureAwait(false);
            return 2;
        }

        if (command.Version)
        {
            // The line Java's "zkServer.sh version" prints, with our version in it.
            await Console.Out.WriteLineAsync($"Apache ZooKeeper, version {ServerOps.Version}").ConfigureAwait(false);
            return 0;
        }

        using var loggers = Logging.Create(command.LogLevel);
        var logger = loggers.CreateLogger("ZkCompat");
        var configPath = command.ConfigPath!;
        HostConfig config;
        try
        {
            (config, var notes) = ZooCfg.Load(configPath, SystemProperties.Parse(command.SystemProperties));
            foreach (var note in notes)
                HostLog.ConfigNote(logger, note.Level, configPath, note.Text);
        }
        catch (ConfigException e)
        {
            HostLog.InvalidConfig(logger, configPath, e.Message);
            return e.ExitCode;
        }

        return await RunAsync(config, loggers, logger).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(HostConfig config, ILoggerFactory loggers, ILogger logger)
    {
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, stop));
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, stop));
        IAsyncDisposable server;
        Task<string> failure;
        try
        {
            // Two or more participants make a quorum member (PROTOCOL.md §9.3); otherwise standalone.
            if (config.Quorum is { } quorum)
            {
                var member = Quorum.QuorumServer.Start(config.Server, quorum, loggers);
                (server, failure) = (member, member.Failure);
            }
            else
            {
                var standalone = StandaloneServer.Start(config.Server, loggers);
                (server, failure) = (standalone, standalone.Failure);
            }
        }
        catch (Exception e) when (e is RecoveryException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            HostLog.CannotStart(logger, e.Message);
            return 1;
        }

        await using (server)
        {
            var stopped = Task.Delay(Timeout.Infinite, stop.Token);
            if (await Task.WhenAny(stopped, failure).ConfigureAwait(false) == failure)
                return 3;
            HostLog.Stopping(logger);
        }

        HostLog.Stopped(logger);
        return 0;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
