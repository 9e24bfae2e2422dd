using System.Text;

namespace ZkCompat.CompatTests.Servers;

/// <summary>
/// One member of an <see cref="EnsembleUnderTest"/>: its id (myid), ports and dataDir, fixed for the
/// ensemble's life, and the server process currently running on them (replaced by a restart).
/// </summary>
internal sealed class EnsembleMember
{
    private readonly StringBuilder _earlierRuns = new();

    public EnsembleMember(int id, MemberSpec spec, int clientPort, int quorumPort, int electionPort, string dataDir)
    {
        Id = id;
        Spec = spec;
        ClientPort = clientPort;
        QuorumPort = quorumPort;
        ElectionPort = electionPort;
        DataDir = dataDir;
    }

    /// <summary>N of <c>server.N</c>, and the content of dataDir/myid.</summary>
    public int Id { get; }

    /// <summary>Changes only when <see cref="EnsembleUnderTest.ReplaceAsync"/> swaps the server on the same dataDir.</summary>
    public MemberSpec Spec { get; internal set; }

    /// <summary>"java" or "zkcompat".</summary>
    public string Server => Spec.Server;

    public MemberRole Role => Spec.Role;

    /// <summary>Every member listens on loopback only.</summary>
    public const string Host = "127.0.0.1";

    public int ClientPort { get; }

    public int QuorumPort { get; }

    public int ElectionPort { get; }

    /// <summary>Kept across restarts; deleted with the ensemble.</summary>
    public string DataDir { get; }

    /// <summary><c>host:port</c> of this member alone.</summary>
    public string ConnectString => $"{Host}:{ClientPort}";

    /// <summary>This member's line in every member's zoo.cfg: <c>server.N=host:quorum:election[:observer];host:client</c>.</summary>
    public string ServerLine =>
        $"server.{Id}={Host}:{QuorumPort}:{ElectionPort}{(Role == MemberRole.Observer ? ":observer" : "")};{Host}:{ClientPort}";

    /// <summary>The current process; null before the first start.</summary>
    internal ServerProcess? Process { get; set; }

    /// <summary>Set by a deliberate kill or stop, cleared by a restart: a down member is left out of quorum checks.</summary>
    public bool IsDown { get; internal set; }

    /// <summary>A process that exited although nobody stopped it.</summary>
    public bool Crashed => !IsDown && Process is { HasExited: true };

    /// <summary>Keeps a finished run's description (its process and log go with its work dir).</summary>
    internal void RememberRun(int maxLogChars)
    {
        if (Process is { } process)
        {
            _earlierRuns.AppendLine("(an earlier run of this member)").Append(process.Describe(maxLogChars));
        }
    }

    public string Describe(int maxLogChars) =>
        _earlierRuns + (Process?.Describe(maxLogChars) ?? $"--- {this}: never started ---\n");

    public override string ToString() => $"server.{Id} ({Spec})";
}
