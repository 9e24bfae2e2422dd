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

    /// <summary>The zoo.cfg the server was started with, the port, and the tail of its stdout/stderr.</summary>
    string Describe(int maxLogChars);
}
