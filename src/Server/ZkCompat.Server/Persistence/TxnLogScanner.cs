using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Checksums;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// Reads a txn log (PROTOCOL.md §12.2) as a stream and tells a torn tail (a last write cut short,
/// followed by nothing but zeros) from corruption (a bad entry with data after it).
/// </summary>
internal static class TxnLogScanner
{
    private const int EntryOverhead = 13;

    /// <param name="skipThrough">Entries up to this zxid are checked (length, end byte, CRC) but not decoded
    /// nor returned: recovery has them in its snapshot already.</param>
    public static LogScan Scan(IStorage storage, string path, long skipThrough = long.MinValue)
    {
        using var file = storage.OpenRead(path);
        var txns = new List<(Txn, TxnDigest?)>();
        var header = new byte[FileHeader.Size];
        var got = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length || !FileHeader.IsValid(header, FileHeader.LogMagic))
        {
            return got < header.Length && header.AsSpan(0, got).IndexOfAnyExcept((byte)0) < 0 || AllZeroFrom(file, 0)
                ? new LogScan(path, txns, 0, LogTail.Torn, "the file header was never completely written")
                : new LogScan(path, txns, 0, LogTail.Corrupt, "invalid magic number or version in the file header");
        }

        var position = (long)FileHeader.Size;
        var head = new byte[12];
        while (true)
        {
            got = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var length = got == head.Length ? BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(8)) : 0;
            if (got < head.Length || length == 0)
                return EndAt(path, txns, file, position, head.AsSpan(0, got));
            var problem = ReadBody(file, head, length, out var body);
            if (problem is not null)
            {
                var tail = AllZeroFrom(file, position + EntryOverhead + Math.Max(0, length)) ? LogTail.Torn : LogTail.Corrupt;
                return new LogScan(path, txns, position, tail, $"{problem} at offset {position}");
            }

            if (body.Length >= 20 && BinaryPrimitives.ReadInt64BigEndian(body.AsSpan(12)) <= skipThrough)
            {
                // The txn header's zxid (after clientId and cxid), read without decoding the txn.
                position += EntryOverhead + length;
                continue;
            }

            try
            {
                txns.Add(TxnCodec.Read(body));
            }
            catch (ProtocolException e)
            {
                return new LogScan(path, txns, position, LogTail.Corrupt, $"unreadable txn at offset {position}: {e.Message}");
            }

            position += EntryOverhead + length;
        }
    }

    /// <summary>
    /// The entries of a log as logged (txn header, txn and digest, unparsed) with their zxids, oldest
    /// first, up to the first entry that does not check out or the end of what was written. For
    /// reading a history that recovery has already judged, as a leader's DIFF from its log does.
    /// </summary>
    public static IEnumerable<(long Zxid, byte[] Entry)> Entries(IStorage storage, string path)
    {
        using var file = storage.OpenRead(path);
        var header = new byte[FileHeader.Size];
        if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !FileHeader.IsValid(header, FileHeader.LogMagic))
            yield break;
        var head = new byte[12];
        while (file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(8));
            if (length < 20 || ReadBody(file, head, length, out var body) is not null)
                yield break;
            yield return (BinaryPrimitives.ReadInt64BigEndian(body.AsSpan(12)), body);
        }
    }

    private static string? ReadBody(Stream file, byte[] head, int length, out byte[] body)
    {
        body = [];
        if (length < 0 || file.Position + length + 1 > file.Length)
            return "entry runs past the end of the file";
        body = new byte[length + 1];
        file.ReadExactly(body);
        if (body[length] != 0x42)
            return "entry is missing its end-of-record byte";
        var checksum = BinaryPrimitives.ReadInt64BigEndian(head);
        body = body[..length];
        return checksum == Adler32.Of(body) ? null : "CRC check failed";
    }

    /// <summary>The entries ended (a zero length, or the end of the file); what follows decides clean or torn.</summary>
    private static LogScan EndAt(string path, List<(Txn, TxnDigest?)> txns, Stream file, long position, ReadOnlySpan<byte> head)
    {
        if (head.IndexOfAnyExcept((byte)0) < 0 && AllZeroFrom(file, position + head.Length))
            return new LogScan(path, txns, position, LogTail.Clean, null);
        // A partial entry header with nothing after it: still a write cut short.
        return AllZeroFrom(file, position + head.Length)
            ? new LogScan(path, txns, position, LogTail.Torn, $"partial entry at offset {position}")
            : new LogScan(path, txns, position, LogTail.Corrupt, $"data after the end-of-log marker at offset {position}");
    }

    private static bool AllZeroFrom(Stream file, long from)
    {
        if (from >= file.Length)
            return true;
        // Preallocated zeros are a hole on disk: only the regions that hold data need reading.
        var regions = SparseFiles.DataRegions(file, from) ?? [(from, file.Length)];
        var buffer = new byte[1 << 20];
        foreach (var (start, end) in regions)
        {
            file.Position = start;
            var left = end - start;
            while (left > 0)
            {
                var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read <= 0)
                    break;
                if (buffer.AsSpan(0, read).IndexOfAnyExcept((byte)0) >= 0)
                    return false;
                left -= read;
            }
        }

        return true;
    }
}
