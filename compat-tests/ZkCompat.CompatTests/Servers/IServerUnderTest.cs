namespace ZkCompat.CompatTests.Servers;

/// <summary>A running ZooKeeper-compatible server on a loopback port of its own.</summary>
internal interface IServerUnderTest : IAsyncDisposable
{
    /// <summary>"java" or "zkcompat".</summary>
    string Name { get; }

    string Host { get; }

    int Port { get; }

    /// <summary><c>host:port</c>, as every client here takes it.</summary>
    string ConnectString { get; }

    ServerSettings Settings { get; }

    /// <summary>The dataDir in its zoo.cfg (the caller's, when it gave one in <see cref="ServerStartOptions"/>).</summary>
    string DataDir { get; }

    /// <summary>SIGKILLs the server's process tree and waits for it to exit; the dataDir and the log stay until disposal.</summary>
    Task KillAsync();

    /// <summary>SIGTERMs the server (a clean stop) and waits up to <paramref name="timeout"/>; false if it is still running.</summary>
    Task<bool> StopAsync(TimeSpan timeout);

    /// <summary>The zoo.cfg the server was started with, the port, and the tail of its stdout/stderr.</summary>
    string Describe(int maxLogChars);
}
