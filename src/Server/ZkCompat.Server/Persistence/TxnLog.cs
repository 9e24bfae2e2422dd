using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using ZkCompat.Server.Checksums;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// Appends txns to version-2/log.&lt;zxid&gt; in Java's format (PROTOCOL.md §12.2): per entry
/// Adler-32, length, bytes and the end-of-record byte 'B'. Appends collect in memory; one
/// <see cref="Flush"/> writes them all and fsyncs once (group commit). Files grow in
/// preAllocSize steps of zeros, as Java's do.
/// </summary>
/// <param name="fsync">Told how long each fsync took (fsynctime, the slow-fsync warning).</param>
internal sealed class TxnLog(IStorage storage, string directory, long preAllocBytes, bool forceSync, FsyncMonitor? fsync = null, string? fileName = null) : IDisposable
{
    private const byte EndOfRecord = 0x42;
    private readonly ArrayBufferWriter<byte> _batch = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _entry = new(1024);
    private Stream? _file;
    private long _position;
    private long _allocated;

    /// <summary>Txns appended since the last roll, for the snapshot schedule.</summary>
    public int TxnsSinceRoll { get; private set; }

    public long BytesSinceRoll { get; private set; }

    /// <summary>
    /// The current file's length, preallocated zeros included (Java's getCurrentLogSize, what
    /// snapSizeLimitInKb is measured against); 0 until the first txn after a roll.
    /// </summary>
    public long FileBytes => _file is null ? 0 : Padded(_position + _batch.WrittenCount);

    public void Append(Txn txn, long? treeDigest)
    {
        _entry.ResetWrittenCount();
        TxnCodec.Write(_entry, txn, treeDigest);
        AppendBytes(txn.Header.Zxid.Value, _entry.WrittenSpan);
    }

    /// <summary>Appends a txn already encoded (a proposal's bytes, §11.9).</summary>
    public void AppendBytes(long zxid, ReadOnlySpan<byte> bytes)
    {
        if (_file is null && _batch.WrittenCount == 0)
            Open(zxid);
        var head = _batch.GetSpan(12);
        BinaryPrimitives.WriteInt64BigEndian(head, Adler32.Of(bytes));
        BinaryPrimitives.WriteInt32BigEndian(head[8..], bytes.Length);
        _batch.Advance(12);
        _batch.Write(bytes);
        _batch.GetSpan(1)[0] = EndOfRecord;
        _batch.Advance(1);
        TxnsSinceRoll++;
        BytesSinceRoll += bytes.Length + 13;
    }

    /// <summary>Writes every appended txn and makes it durable. Throws <see cref="StorageException"/>.</summary>
    public void Flush()
    {
        if (_batch.WrittenCount == 0 || _file is null)
            return;
        try
        {
            Grow(_position + _batch.WrittenCount);
            _file.Position = _position;
            _file.Write(_batch.WrittenSpan);
            _file.Flush();
            if (forceSync)
            {
                var started = Stopwatch.GetTimestamp();
                storage.Sync(_file);
                fsync?.Observe((long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, Math.Max(_allocated, _position + _batch.WrittenCount));
            }
            _position += _batch.WrittenCount;
            _batch.ResetWrittenCount();
        }
        catch (IOException e)
        {
            throw new StorageException($"cannot write the txn log in {directory}: {e.Message}", e);
        }
    }

    /// <summary>Closes the current file; the next append starts log.&lt;its zxid&gt;.</summary>
    public void Roll()
    {
        Flush();
        _file?.Dispose();
        _file = null;
        TxnsSinceRoll = 0;
        BytesSinceRoll = 0;
    }

    public void Dispose() => _file?.Dispose();

    private void Open(long firstZxid)
    {
        try
        {
            _file = storage.Create(Path.Combine(directory, fileName ?? DataFiles.LogName(firstZxid)));
        }
        catch (IOException e)
        {
            throw new StorageException($"cannot create a txn log in {directory}: {e.Message}", e);
        }

        _batch.Write(FileHeader.For(FileHeader.LogMagic, 0));
        _position = 0;
        _allocated = FileHeader.Size;
    }

    /// <summary>Java's padding: keep at least 4 KiB of zeros past the end, growing in whole preAllocSize steps.</summary>
    private void Grow(long end)
    {
        if (preAllocBytes <= 0 || end + 4096 < _allocated)
            return;
        var size = Padded(end);
        _file!.Position = size - 1;
        _file.WriteByte(0);
        _allocated = size;
    }

    /// <summary>The file's length once data up to <paramref name="end"/> is written and padded.</summary>
    private long Padded(long end)
    {
        if (preAllocBytes <= 0)
            return Math.Max(_allocated, end);
        var size = _allocated;
        while (end + 4096 >= size)
            size += preAllocBytes;
        return size;
    }
}
