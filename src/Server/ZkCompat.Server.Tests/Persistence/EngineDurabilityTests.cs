using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Net;
using ZkCompat.Server.Options;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Processing;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests.Persistence;

/// <summary>No acknowledgement before persistence; fail-stop when the disk fails (the durability issue).</summary>
public class EngineDurabilityTests
{
    [Fact]
    public void Replies_AreHeldUntilTheBatchIsFlushed()
    {
        var replicator = new WatchingReplicator();
        var engine = new Engine(EngineFixture.DefaultOptions, new ManualTime(), NullLogger.Instance, replicator);
        var ch = new RecordingChannel();
        replicator.Channel = ch;

        engine.ProcessBatch([new ConnectWork(ch, new ConnectRequest(0, Zxid.Zero, 10_000, SessionId.None, new byte[16]), true)]);
        engine.ProcessBatch([
            new RequestWork(ch, 1, OpCode.Create, new CreateRequest("/a", [], TestClientExtensions.OpenAcl, 0), false),
            new RequestWork(ch, 2, OpCode.Exists, new PathWatchRequest("/a", false), false),
        ]);

        // At each flush nothing of that batch has left: not the handshake, not the create, nor the read after it.
        Assert.Equal([0, 1], replicator.SentAtFlush);
        Assert.Equal(3, ch.Sent);
    }

    [Fact]
    public void ManyClientsWritingTogether_ShareFsyncs()
    {
        using var dir = new TempDir();
        var storage = new FaultyStorage();
        var replicator = Store(dir, storage);
        var engine = new Engine(EngineFixture.DefaultOptions, new ManualTime(), NullLogger.Instance, replicator);
        var channels = Enumerable.Range(0, 50).Select(_ => new RecordingChannel()).ToList();
        engine.ProcessBatch(channels.Select(c => (Work)new ConnectWork(c, new ConnectRequest(0, Zxid.Zero, 10_000, SessionId.None, new byte[16]), true)).ToList());
        var before = storage.Syncs;

        engine.ProcessBatch(channels.Select((c, i) => (Work)new RequestWork(c, 1, OpCode.Create, new CreateRequest($"/n{i}", [], TestClientExtensions.OpenAcl, 0), false)).ToList());

        Assert.Equal(1, storage.Syncs - before);
        Assert.All(channels, c => Assert.Equal(2, c.Sent));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FailingDisk_StopsAcknowledging(bool failFsync)
    {
        using var dir = new TempDir();
        var storage = new FaultyStorage();
        await using var fixture = new EngineFixture(replicator: Store(dir, storage));
        var client = await fixture.ConnectAsync();
        Assert.Equal(ErrorCode.Ok, (await client.CreateAsync("/before")).Err);

        if (failFsync)
            storage.FailSync = true;
        else
            storage.BytesUntilFull = 10;
        await client.SendAsync(OpCode.Create, new CreateRequest("/lost", [], TestClientExtensions.OpenAcl, 0));

        Assert.True(await client.ClosedByServerAsync(), "the unpersisted write must not be answered");
        Assert.Contains("cannot write the txn log", await fixture.Engine.Failure.WaitAsync(TimeSpan.FromSeconds(10)));
        var late = fixture.Open();
        await late.SendFrameAsync(w => new ConnectRequest(0, Zxid.Zero, 10_000, SessionId.None, new byte[16]).Write(w));
        Assert.True(await late.ClosedByServerAsync(), "a failed server takes no new sessions");
    }

    [Fact]
    public async Task OneBatchPastTheSnapSizeLimit_RollsTheLogWithinIt_AndLosesNothing()
    {
        using var dir = new TempDir();
        var store = Store(dir, DiskStorage.Instance, new SnapshotSchedule(100_000, 64 * 1024, new Random(5)), preAllocBytes: 16 * 1024);
        var engine = new Engine(EngineFixture.DefaultOptions, new ManualTime(), NullLogger.Instance, store);
        var ch = new RecordingChannel();
        engine.ProcessBatch([new ConnectWork(ch, new ConnectRequest(0, Zxid.Zero, 10_000, SessionId.None, new byte[16]), true)]);

        // 120 KB of txns in a single group commit: Java decides after each txn, and so do we.
        engine.ProcessBatch(Creates(ch, 120));
        await store.DisposeAsync();

        Assert.True(DataFiles.Sorted(DiskStorage.Instance, dir.VersionDir, DataFiles.LogPrefix).Count >= 3, "the log rolled more than once within the batch");
        Assert.Equal(121, ch.Sent);
        var recovered = new DataDirectory(DiskStorage.Instance, dir.VersionDir, dir.VersionDir, NullLogger.Instance).Recover(trustEmptySnapshot: true);
        Assert.NotNull(recovered.Tree.Get("/n119"));
    }

    [Fact]
    public async Task FsyncFailingAtARollWithinABatch_FailsTheEngine_AndAnswersNothing()
    {
        using var dir = new TempDir();
        var storage = new FaultyStorage();
        var store = Store(dir, storage, new SnapshotSchedule(100_000, 64 * 1024, new Random(5)), preAllocBytes: 16 * 1024);
        var engine = new Engine(EngineFixture.DefaultOptions, new ManualTime(), NullLogger.Instance, store);
        var ch = new RecordingChannel();
        engine.ProcessBatch([new ConnectWork(ch, new ConnectRequest(0, Zxid.Zero, 10_000, SessionId.None, new byte[16]), true)]);

        storage.FailSync = true;
        engine.ProcessBatch(Creates(ch, 120));

        Assert.Contains("cannot write the txn log", await engine.Failure.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, ch.Sent);
        await store.DisposeAsync();
    }

    private static List<Work> Creates(RecordingChannel ch, int count) =>
        [.. Enumerable.Range(0, count).Select(i => (Work)new RequestWork(ch, i + 1, OpCode.Create, new CreateRequest($"/n{i}", new byte[1000], TestClientExtensions.OpenAcl, 0), false))];

    private static StandaloneStore Store(TempDir dir, IStorage storage, SnapshotSchedule? schedule = null, long preAllocBytes = TxnLogTests.PreAlloc)
    {
        Directory.CreateDirectory(dir.VersionDir);
        var directory = new DataDirectory(storage, dir.VersionDir, dir.VersionDir, NullLogger.Instance);
        var options = new ServerOptions { Properties = new Dictionary<string, string> { ["zookeeper.preAllocSize"] = (preAllocBytes / 1024).ToString(CultureInfo.InvariantCulture) } };
        return new StandaloneStore(storage, directory, options, schedule ?? new SnapshotSchedule(100_000, 0), NullLogger.Instance);
    }

    /// <summary>Records how many frames the channel had received each time the engine flushed.</summary>
    private sealed class WatchingReplicator : IReplicator
    {
        public RecordingChannel? Channel { get; set; }

        public List<int> SentAtFlush { get; } = [];

        public void Append(Txn txn, long? treeDigest)
        {
        }

        public bool Flush()
        {
            SentAtFlush.Add(Channel!.Sent);
            return false;
        }

        public void Snapshot(SnapshotImage image)
        {
        }
    }
}
