using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>
/// A model server behind the quorum core: a txn log split into a durable part (on the
/// <see cref="SimDisk"/>) and a buffered part that a crash loses, durable epoch files, and an
/// applied state whose running hash is the data digest. Client-facing callbacks are queued for
/// the cluster to act on. Storage calls may be struck by a fault from <see cref="Faults"/>.
/// </summary>
internal sealed partial class SimReplica : IReplica
{
    private readonly SimDisk _disk;
    private readonly List<LogEntry> _buffered = [];
    private readonly CommittedHistory _history;
    private readonly int _maxLogEntries;
    private Zxid _committedWatermark;

    public SimReplica(long sid, SimDisk disk, CommittedHistory history, int maxLogEntries)
    {
        Sid = sid;
        _disk = disk;
        _history = history;
        _maxLogEntries = maxLogEntries;
        State.Reset(disk.Replay());
    }

    public long Sid { get; }

    public AppliedState State { get; } = new();

    /// <summary>Decides the fate of each durable write (crash, torn flush, disk error).</summary>
    public Func<long, StorageOp, int, StorageFault>? Faults { get; set; }

    /// <summary>Set between StartServing and StopServing.</summary>
    public (PeerRole Role, long LeaderSid, long Epoch)? Serving { get; private set; }

    public int BufferedCount => _buffered.Count;

    public long AcceptedEpoch => _disk.AcceptedEpoch;

    public long CurrentEpoch => _disk.CurrentEpoch;

    public Zxid LastLogged => _buffered.Count > 0 ? _buffered[^1].Zxid : _disk.LastLogged;

    public void SetAcceptedEpoch(long epoch)
    {
        Strike(StorageOp.SetAcceptedEpoch);
        if (epoch < _disk.AcceptedEpoch)
            _history.Violation($"server {Sid} lowered acceptedEpoch {_disk.AcceptedEpoch} to {epoch}");
        _disk.AcceptedEpoch = epoch;
    }

    public void SetCurrentEpoch(long epoch)
    {
        Strike(StorageOp.SetCurrentEpoch);
        if (epoch < _disk.CurrentEpoch || epoch > _disk.AcceptedEpoch)
            _history.Violation($"server {Sid} set currentEpoch {epoch} (was {_disk.CurrentEpoch}, accepted {_disk.AcceptedEpoch})");
        if (epoch < LastLogged.Epoch)
            _history.Violation($"server {Sid} set currentEpoch {epoch} below its last logged zxid {LastLogged}");
        _disk.CurrentEpoch = epoch;
        _disk.StagedCurrentEpoch = null;
    }

    public void StageCurrentEpoch(long epoch)
    {
        Strike(StorageOp.StageCurrentEpoch);
        _disk.StagedCurrentEpoch = epoch;
    }

    public void Append(Zxid zxid, byte[] txn)
    {
        if (zxid <= LastLogged)
            _history.Violation($"server {Sid} logged {zxid} after {LastLogged}");
        _buffered.Add(new LogEntry(zxid, txn));
    }

    public void Flush()
    {
        Strike(StorageOp.Flush);
        _disk.Log.AddRange(_buffered);
        _buffered.Clear();
        Compact();
    }

    public void Truncate(Zxid zxid)
    {
        Strike(StorageOp.Truncate);
        if (zxid < _disk.SnapshotZxid)
        {
            _history.Violation($"server {Sid} told to truncate to {zxid}, below its snapshot at {_disk.SnapshotZxid}");
            _disk.Snapshot.RemoveAll(e => e.Zxid > zxid);
            _disk.SnapshotZxid = _disk.Snapshot.Count > 0 ? _disk.Snapshot[^1].Zxid : Zxid.Zero;
        }

        _buffered.RemoveAll(e => e.Zxid > zxid);
        _disk.Log.RemoveAll(e => e.Zxid > zxid);
        Reload();
    }

    public IReadOnlyList<(Zxid Zxid, byte[] Txn)> LogTail(int max) =>
        _disk.Log.Concat(_buffered).TakeLast(max).Select(e => (e.Zxid, e.Txn)).ToList();

    /// <summary>The durable log, when it reaches back to <paramref name="peer"/>; the model has no file sizes, so no size limit.</summary>
    public IReadOnlyList<(Zxid Zxid, byte[] Txn)>? ReadLog(Zxid peer, Zxid upTo, double snapshotSizeFactor)
    {
        var log = _disk.Log;
        if (log.Count == 0 || log[0].Zxid > peer)
            return null;
        var first = Math.Max(0, log.FindLastIndex(e => e.Zxid < peer));
        return log.Skip(first).TakeWhile(e => e.Zxid <= upTo).Select(e => (e.Zxid, e.Txn)).ToList();
    }

    public void Apply(Zxid zxid, byte[] txn)
    {
        if (zxid <= State.Last)
            _history.Violation($"server {Sid} applied {zxid} after {State.Last}");
        if (zxid > LastLogged)
            _history.Violation($"server {Sid} applied {zxid} beyond its log {LastLogged}");
        State.Add(new LogEntry(zxid, txn));
        _committedWatermark = zxid;
        if (Serving is { Role: PeerRole.Leading })
            _history.Committed(Sid, State);
    }

    public (Zxid Zxid, byte[] Stream) TakeSnapshot() => (State.Last, SnapshotCodec.Write(State.Entries));

    public void InstallSnapshot(Zxid zxid, byte[] stream)
    {
        Strike(StorageOp.InstallSnapshot);
        var entries = SnapshotCodec.Read(stream);
        var last = entries.Count > 0 ? entries[^1].Zxid : Zxid.Zero;
        if (last != zxid)
            _history.Violation($"server {Sid} got a snapshot at {zxid} whose last txn is {last}");
        _disk.Snapshot = entries;
        _disk.SnapshotZxid = zxid;
        _disk.Log.Clear();
        _buffered.Clear();
        State.Reset(entries);
    }

    public void Reload()
    {
        State.Reset(_disk.Replay().Concat(_buffered));
        _committedWatermark = Zxid.Zero;
    }

    public void StartServing(PeerRole role, long leaderSid, long epoch)
    {
        Serving = (role, leaderSid, epoch);
        if (role == PeerRole.Leading)
            _history.Established(Sid, epoch, State);
        else
            _history.CheckServing(Sid, role, State);
    }

    public void StopServing() => Serving = null;

    private void Strike(StorageOp op)
    {
        var fault = Faults?.Invoke(Sid, op, _buffered.Count) ?? StorageFault.None;
        switch (fault.Kind)
        {
            case StorageFaultKind.Crash:
                throw new SimCrashException($"crash before {op}");
            case StorageFaultKind.TornFlush:
                // The first records reached the disk; the one being written when power went is torn.
                _disk.Log.AddRange(_buffered.Take(Math.Min(fault.Keep, _buffered.Count)));
                throw new SimCrashException($"crash in {op}, {fault.Keep} of {_buffered.Count} records written");
            case StorageFaultKind.DiskError:
                _buffered.Clear();
                throw new IOException($"simulated disk error in {op}");
        }
    }

    /// <summary>While serving, snapshot what is known committed and drop the log before it.</summary>
    private void Compact()
    {
        if (_maxLogEntries <= 0 || _disk.Log.Count <= _maxLogEntries || Serving is null)
            return;
        var snapshot = State.Entries.TakeWhile(e => e.Zxid <= _committedWatermark && e.Zxid <= _disk.LastLogged).ToList();
        if (snapshot.Count == 0 || snapshot[^1].Zxid <= _disk.SnapshotZxid)
            return;
        _disk.Snapshot = snapshot;
        _disk.SnapshotZxid = snapshot[^1].Zxid;
        _disk.Log.RemoveAll(e => e.Zxid <= _disk.SnapshotZxid);
    }
}
