using Microsoft.Extensions.Logging.Abstractions;
using ZkCompat.Protocol.Ids;
using ZkCompat.Server.Host.Quorum;
using ZkCompat.Server.Persistence;
using ZkCompat.Server.Processing;
using ZkCompat.Server.Tests.Support;

namespace ZkCompat.Server.Tests.Persistence;

/// <summary>
/// acceptedEpoch/currentEpoch in the data directory, and the staged currentEpoch.tmp a learner
/// writes before the txns of a sync: a start whose log is ahead of currentEpoch takes the staged
/// value, as Java 3.8.0 does, and without one refuses with Java's message.
/// </summary>
public class EpochFilesTests
{
    [Fact]
    public void Stage_LeavesTheCurrentValue_WriteReplacesIt()
    {
        using var dir = new TempDir();
        var files = new EpochFiles(DiskStorage.Instance, dir.Path);
        files.Write("currentEpoch", 2);
        files.Stage("currentEpoch", 3);
        Assert.Equal(2, files.Read("currentEpoch", -1));
        Assert.Equal("3", File.ReadAllText(Path.Combine(dir.Path, "currentEpoch.tmp")));
        files.Write("currentEpoch", 3);
        Assert.Equal(3, files.Read("currentEpoch", -1));
        Assert.False(File.Exists(Path.Combine(dir.Path, "currentEpoch.tmp")));
    }

    [Fact]
    public void Start_WithTheLogAheadOfCurrentEpoch_TakesTheStagedEpoch()
    {
        using var dir = new TempDir();
        var files = Epochs(dir, accepted: 3, current: 2);
        files.Stage("currentEpoch", 3);
        using var replica = Replica(dir, Zxid.Of(3, 4));
        Assert.Equal(3, replica.CurrentEpoch);
        Assert.Equal(3, files.Read("currentEpoch", -1));
    }

    [Fact]
    public void Start_WithTheLogAheadOfCurrentEpochAndNothingStaged_RefusesAsJava()
    {
        using var dir = new TempDir();
        Epochs(dir, accepted: 3, current: 2);
        var refused = Assert.Throws<RecoveryException>(() => Replica(dir, Zxid.Of(3, 4)));
        Assert.Equal($"The current epoch, 2, is older than the last zxid, {Zxid.Of(3, 4).Value}", refused.Message);
    }

    [Fact]
    public void Start_WithAStaleStagedEpoch_UsesCurrentEpoch()
    {
        using var dir = new TempDir();
        var files = Epochs(dir, accepted: 3, current: 3);
        files.Stage("currentEpoch", 2);
        using var replica = Replica(dir, Zxid.Of(3, 4));
        Assert.Equal(3, replica.CurrentEpoch);
    }

    private static EpochFiles Epochs(TempDir dir, long accepted, long current)
    {
        Directory.CreateDirectory(dir.VersionDir);
        var files = new EpochFiles(DiskStorage.Instance, dir.VersionDir);
        files.Write("acceptedEpoch", accepted);
        files.Write("currentEpoch", current);
        return files;
    }

    private static EnsembleReplica Replica(TempDir dir, Zxid lastLogged)
    {
        var storage = DiskStorage.Instance;
        var directory = new DataDirectory(storage, dir.VersionDir, dir.VersionDir, NullLogger.Instance);
        var engine = new Engine(EngineFixture.DefaultOptions, new ManualTime(), NullLogger.Instance, new InMemoryReplicator());
        return new EnsembleReplica(EngineFixture.DefaultOptions, storage, directory, engine, lastLogged, NullLogger.Instance);
    }
}
