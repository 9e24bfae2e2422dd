using System.Diagnostics;
using System.Text;
using ZkCompat.CompatTests.Durability;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Servers;

/// <summary>
/// A quorum of separate server processes on loopback: each member (Java or ZkCompat, participant or
/// observer) gets free client, quorum and election ports, a dataDir with its myid, and a zoo.cfg made
/// from ONE shared set of <c>server.N=127.0.0.1:quorum:election[:observer];127.0.0.1:client</c> lines
/// (PROTOCOL.md §9.2), started exactly as the standalone launchers start it. Every wait is bounded.
/// </summary>
internal sealed class EnsembleUnderTest : IAsyncDisposable
{
    /// <summary>A short tick makes elections and syncs quick; the session window is the standalone tests'.</summary>
    public static ServerSettings Settings { get; } = new(TickTimeMs: 200, MinSessionTimeoutMs: 2000, MaxSessionTimeoutMs: 15000);

    /// <summary>JVMs start in about a second each here, an election takes about one more; the margin is for a busy 2-core machine.</summary>
    public static readonly TimeSpan QuorumTimeout = TimeSpan.FromSeconds(60);

    public const int LogCharsInErrors = 12_000;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);
    private const int PortAttempts = 3;

    private readonly string _workDir;
    private readonly IReadOnlyList<string> _configLines;
    private int _dumps;

    private EnsembleUnderTest(IReadOnlyList<MemberSpec> specs, IReadOnlyList<string> extraConfigLines)
    {
        _workDir = Directory.CreateTempSubdirectory("zkcompat-ensemble-").FullName;
        var ports = FreePort.Several(3 * specs.Count);
        Members =
        [
            .. specs.Select((spec, i) =>
                new EnsembleMember(i + 1, spec, ports[3 * i], ports[(3 * i) + 1], ports[(3 * i) + 2], Path.Combine(_workDir, $"data{i + 1}"))),
        ];
        _configLines =
        [
            "initLimit=10",
            "syncLimit=5",
            "4lw.commands.whitelist=*",
            DurabilityRun.SuperDigestLine,
            .. extraConfigLines,
            .. Members.Select(m => m.ServerLine),
        ];
    }

    public IReadOnlyList<EnsembleMember> Members { get; }

    /// <summary>Every member, observers included, as clients take a host list.</summary>
    public string ConnectString => string.Join(',', Members.Select(m => m.ConnectString));

    /// <summary>Set when a check failed: the dataDirs and dumps stay (the path is in <see cref="Describe"/>).</summary>
    public bool Keep { get; set; }

    /// <summary>Starts every member at once and waits for one leader with every other member following or observing.</summary>
    public static async Task<EnsembleUnderTest> StartAsync(IReadOnlyList<MemberSpec> specs, IReadOnlyList<string>? extraConfigLines = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ensemble = new EnsembleUnderTest(specs, extraConfigLines ?? []);
            try
            {
                foreach (var member in ensemble.Members)
                {
                    Directory.CreateDirectory(member.DataDir);
                    await File.WriteAllTextAsync(Path.Combine(member.DataDir, "myid"), $"{member.Id}\n");
                    ensemble.Launch(member);
                }

                await ensemble.WaitForQuorumAsync();
                return ensemble;
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException && attempt < PortAttempts && ensemble.LostPortRace)
            {
                // Another process took one of the free ports before a member bound it: new ports, new start.
                await ensemble.DisposeAsync();
            }
            catch
            {
                await ensemble.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Waits until every member that is up answers <c>srvr</c> with a leader/follower/observer Mode and exactly
    /// one says leader. Throws when time runs out or a member exits that nobody stopped.
    /// </summary>
    public Task<QuorumStatus> WaitForQuorumAsync(TimeSpan? timeout = null) =>
        WaitForAsync(s => s.IsFormed, "a quorum with one leader", timeout ?? QuorumTimeout);

    /// <summary>
    /// Waits until exactly one member that is up says leader (Java says so once a quorum has acknowledged
    /// its NEWLEADER); the others may still be syncing. Throws when time runs out or a member crashes.
    /// </summary>
    public Task<QuorumStatus> WaitForLeaderAsync(TimeSpan timeout) => WaitForAsync(s => s.Leader is not null, "a single leader", timeout);

    /// <summary>One round of <c>srvr</c> to every member that is up, at the same time.</summary>
    public async Task<QuorumStatus> StatusAsync()
    {
        var up = Members.Where(m => !m.IsDown).ToList();
        var answers = await Task.WhenAll(up.Select(m => FourLetterWord.TryAskAsync(EnsembleMember.Host, m.ClientPort, "srvr")));
        return new QuorumStatus(up.Zip(answers).ToDictionary(p => p.First, p => FourLetterWord.Mode(p.Second)));
    }

    /// <summary>The leader, once the quorum is formed.</summary>
    public async Task<EnsembleMember> LeaderAsync() => (await WaitForQuorumAsync()).Leader!;

    /// <summary>SIGKILLs the member's process tree (no shutdown hook, no flush); it stays down until <see cref="RestartAsync"/>.</summary>
    public async Task KillAsync(EnsembleMember member)
    {
        CheckOwn(member);
        member.IsDown = true;
        await Process(member).KillAsync();
    }

    /// <summary>Starts the member again on its ports and dataDir and waits until the quorum has it back.</summary>
    public async Task<QuorumStatus> RestartAsync(EnsembleMember member)
    {
        CheckOwn(member);
        var old = Process(member);
        if (!old.HasExited)
        {
            throw new InvalidOperationException($"{member} is still running; kill or stop it first");
        }

        member.RememberRun(LogCharsInErrors);
        await old.DisposeAsync();
        Launch(member);
        return await WaitForQuorumAsync();
    }

    /// <summary>
    /// Stops the member cleanly (SIGTERM), starts the other implementation ("java" or "zkcompat")
    /// on the same myid, ports and dataDir, and waits until the quorum has it back.
    /// </summary>
    public async Task<QuorumStatus> ReplaceAsync(EnsembleMember member, string server)
    {
        CheckOwn(member);
        member.IsDown = true;
        if (!await Process(member).StopAsync(StopTimeout))
        {
            throw new InvalidOperationException($"{member} did not stop within {StopTimeout.TotalSeconds}s of SIGTERM");
        }

        member.RememberRun(LogCharsInErrors);
        await Process(member).DisposeAsync();
        member.Spec = member.Spec with { Server = server };
        Launch(member);
        return await WaitForQuorumAsync();
    }

    /// <summary>How many lines of the member's current run hold <paramref name="text"/>.</summary>
    public static int LogCount(EnsembleMember member, string text) => Process(member).LogCount(text);

    /// <summary>SIGTERMs every member that is up, one by one (a clean stop); false if one did not exit in time.</summary>
    public async Task<bool> StopAsync()
    {
        var allStopped = true;
        foreach (var member in Members.Where(m => !m.IsDown && m.Process is not null))
        {
            member.IsDown = true;
            allStopped &= await member.Process!.StopAsync(StopTimeout);
        }

        return allStopped;
    }

    /// <summary>The member's whole tree after a <c>sync</c>, as sorted JSON lines (<see cref="TreeDump"/>).</summary>
    public Task<IReadOnlyList<string>> DumpAsync(EnsembleMember member) =>
        TreeDump.ReadAsync(member.ConnectString, Path.Combine(_workDir, $"dump-{Interlocked.Increment(ref _dumps)}-server{member.Id}.jsonl"));

    /// <summary>Every member's zoo.cfg and log tail, and where the dataDirs are.</summary>
    public string Describe(int maxLogCharsPerMember)
    {
        var text = new StringBuilder().AppendLine($"=== ensemble in {_workDir}: {string.Join(", ", Members)} ===");
        foreach (var member in Members)
        {
            text.AppendLine($"=== {member}{(member.IsDown ? ", down" : "")} ===").Append(member.Describe(maxLogCharsPerMember));
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in Members)
        {
            member.IsDown = true;
            if (member.Process is { } process)
            {
                await process.DisposeAsync();
            }
        }

        if (Keep)
        {
            return;
        }

        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // A straggling write from a dying process; the OS temp cleaner gets the rest.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private async Task<QuorumStatus> WaitForAsync(Func<QuorumStatus, bool> done, string what, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = await StatusAsync();
            if (done(status))
            {
                return status;
            }

            if (Members.FirstOrDefault(m => m.Crashed) is { } crashed)
            {
                throw new InvalidOperationException($"{crashed} exited while waiting for {what} ({status}).\n{Describe(LogCharsInErrors)}");
            }

            // A member of a quorum never says standalone, not even while it looks for a leader: no wait will change that.
            if (status.InMode("standalone") is [var alone, ..])
            {
                throw new InvalidOperationException(
                    $"{alone} runs standalone although its zoo.cfg lists {Members.Count} servers ({status}).\n{Describe(LogCharsInErrors)}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"no {what} within {timeout.TotalSeconds}s: {status}.\n{Describe(LogCharsInErrors)}");
            }

            await Task.Delay(PollInterval);
        }
    }

    private bool LostPortRace => Members.Any(m => m.Process is { LostPortRace: true });

    private void CheckOwn(EnsembleMember member)
    {
        if (!Members.Contains(member))
        {
            throw new ArgumentException($"{member} is not a member of this ensemble", nameof(member));
        }
    }

    private static ServerProcess Process(EnsembleMember member) =>
        member.Process ?? throw new InvalidOperationException($"{member} was never started");

    private void Launch(EnsembleMember member)
    {
        var options = new ServerStartOptions
        {
            DataDir = member.DataDir,
            // Java takes the role from the member's own server.N line; peerType says the same, as the admin guide asks.
            ExtraConfigLines = member.Role == MemberRole.Observer ? [.. _configLines, "peerType=observer"] : _configLines,
        };
        member.Process = ServerProcess.Start(ServerUnderTest.Launcher(member.Server), Settings, member.ClientPort, options);
        member.IsDown = false;
    }
}
