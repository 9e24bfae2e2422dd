using System.Diagnostics;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Records;
using ZkCompat.Quorum.Config;
using ZkCompat.Server.Processing;
using ZkCompat.Server.Sessions;

namespace ZkCompat.Testing;

/// <summary>
/// A whole ZooKeeper ensemble inside the test process: participants and observers with their
/// client, quorum and election ports all bound to 0 on loopback, running FastLeaderElection and
/// ZAB over real sockets:
/// <code>await using var ens = await ZkTestEnsemble.StartAsync(participants: 3, observers: 1);</code>
/// Connect any client to <see cref="ConnectString"/>; stop, restart or isolate members, force a
/// leader change, or expire a session. Disposal stops every member and returns when all is closed.
/// </summary>
public sealed class ZkTestEnsemble : IAsyncDisposable
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(20);
    private readonly ZkTestEnsembleOptions _settings;
    private readonly QuorumConfig _config;
    private readonly string _root;
    private readonly bool _ownsRoot;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private ZkTestEnsemble(int participants, int observers, ZkTestEnsembleOptions settings)
    {
        _settings = settings;
        _ownsRoot = settings.DataDir is null;
        _root = settings.DataDir ?? Directory.CreateTempSubdirectory("zkcompat-ensemble-").FullName;
        Members = [.. Enumerable.Range(1, participants + observers)
            .Select(sid => new ZkTestMember(sid, sid > participants, Path.Combine(_root, $"member{sid}"), settings))];
        _config = new QuorumConfig
        {
            MyId = 1,
            Members = [.. Members.Select(m => m.Describe())],
            TickTimeMs = settings.TickTimeMs,
            InitLimit = settings.InitLimit,
            SyncLimit = settings.SyncLimit,
        };
    }

    /// <summary>Participants (sids 1..n) first, then observers.</summary>
    public IReadOnlyList<ZkTestMember> Members { get; }

    /// <summary>Every member's client address, comma separated, for any ZooKeeper client.</summary>
    public string ConnectString => string.Join(',', Members.Select(m => m.ConnectString));

    /// <summary>The member leading now, or null during an election.</summary>
    public ZkTestMember? Leader => Members.FirstOrDefault(m => m.Mode == "leader");

    /// <summary>Starts the members and returns once one leads and every member serves clients.</summary>
    public static async Task<ZkTestEnsemble> StartAsync(int participants = 3, int observers = 0, ZkTestEnsembleOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(participants, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(observers);
        var ensemble = new ZkTestEnsemble(participants, observers, options ?? new ZkTestEnsembleOptions());
        try
        {
            await Task.Run(() =>
            {
                foreach (var member in ensemble.Members)
                    member.Start(ensemble._config);
            }).ConfigureAwait(false);
            await ensemble.WaitForQuorumAsync().ConfigureAwait(false);
        }
        catch
        {
            await ensemble.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return ensemble;
    }

    /// <summary>Waits until one member leads and every running member serves clients.</summary>
    public Task WaitForQuorumAsync() => WaitAsync(() =>
        Members.Count(m => m.Mode == "leader") == 1 && Members.Where(m => m.IsRunning).All(m => m.Mode is not "looking"));

    /// <summary>Stops a member (its sessions live on in the others); the rest elect a new leader if it led.</summary>
    public Task StopMemberAsync(ZkTestMember member) => Locked(member.StopAsync);

    /// <summary>Starts a stopped member again on its data directory and ports; returns once it serves.</summary>
    public async Task RestartMemberAsync(ZkTestMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        await Locked(async () =>
        {
            await member.StopAsync().ConfigureAwait(false);
            await Task.Run(() => member.Start(_config)).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await WaitForQuorumAsync().ConfigureAwait(false);
    }

    /// <summary>Cuts a member off from the others (clients still reach it) or, with false, heals it.</summary>
    public void Isolate(ZkTestMember member, bool isolated = true)
    {
        ArgumentNullException.ThrowIfNull(member);
        ObjectDisposedException.ThrowIf(_disposed, this);
        member.Server?.Runtime.Isolate(isolated);
    }

    /// <summary>Stops the leader until another member leads, then restarts it as a follower; returns the new leader.</summary>
    public async Task<ZkTestMember> ForceLeaderChangeAsync()
    {
        await WaitForQuorumAsync().ConfigureAwait(false);
        var old = Leader!;
        await StopMemberAsync(old).ConfigureAwait(false);
        await WaitAsync(() => Leader is { } l && l != old).ConfigureAwait(false);
        var leader = Leader!;
        await RestartMemberAsync(old).ConfigureAwait(false);
        return leader;
    }

    /// <summary>Expires a session now, through the leader: its ephemerals go on every member. False when unknown.</summary>
    public async Task<bool> ExpireSessionAsync(long sessionId)
    {
        await WaitForQuorumAsync().ConfigureAwait(false);
        var engine = Leader!.Server!.Engine;
        var channel = new ExpiringChannel();
        var request = new ConnectRequest(0, Zxid.Zero, 2 * _settings.TickTimeMs, new SessionId(sessionId), SessionPasswords.For(sessionId));
        engine.Post(new ConnectWork(channel, request, HasReadOnlyByte: false));
        engine.Post(new RequestWork(channel, 1, OpCode.CloseSession, null, Malformed: false));
        return await channel.Done.WaitAsync(_settings.ElectionTimeout).ConfigureAwait(false);
    }

    /// <summary>Each running member's last applied zxid and Java-style tree digest (equal on every member once they have caught up).</summary>
    internal async Task<IReadOnlyList<(long Sid, long Zxid, long Digest)>> DigestsAsync()
    {
        var views = new List<(long, long, long)>();
        foreach (var member in Members.Where(m => m.Server is not null))
        {
            var done = new TaskCompletionSource<(long, long, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
            member.Server!.Engine.Post(new InspectWork(e => done.TrySetResult((member.Sid, e.LastZxid.Value, e.Tree.Digest))));
            views.Add(await done.Task.WaitAsync(_settings.ElectionTimeout).ConfigureAwait(false));
        }

        return views;
    }

    /// <summary>Stops every member, waits for their sockets and files to close, and deletes a temporary data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var member in Members)
                await member.StopAsync().ConfigureAwait(false);
            if (_ownsRoot)
                TryDelete(_root);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task Locked(Func<Task> action)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await action().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WaitAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > _settings.ElectionTimeout)
                throw new TimeoutException($"no quorum within {_settings.ElectionTimeout}: " + string.Join(", ", Members.Select(m => $"{m.Sid}={m.Mode}")));
            await Task.Delay(s_poll).ConfigureAwait(false);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
