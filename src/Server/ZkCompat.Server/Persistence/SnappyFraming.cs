using System.Buffers.Binary;
using Snappier;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// The stream format of snappy-java's SnappyOutputStream, which Java ZooKeeper writes to
/// snapshot.&lt;zxid&gt;.snappy (PROTOCOL.md §12.3): a 16-byte header (0x82 "SNAPPY" 0x00, then the
/// format version 1 and the oldest compatible version 1 as big-endian ints), then chunks, each a
/// big-endian int length and one raw snappy block of at most 32 KiB uncompressed. A reader also
/// takes a header again between chunks (concatenated streams). Blocks are Snappier's.
/// </summary>
internal static class SnappyFraming
{
    public const int BlockBytes = 32 * 1024;

    private static ReadOnlySpan<byte> Magic => [0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0];

    private const int HeaderBytes = 16;

    private const int Version = 1;

    public static ReadOnlyMemory<byte> Decode(ReadOnlySpan<byte> file)
    {
        if (!StartsWithHeader(file))
            throw new InvalidDataException("not a snappy-java stream (bad header)");
        var output = new byte[UncompressedLength(file)];
        var written = 0;
        var offset = 0;
        while (offset < file.Length)
        {
            if (StartsWithHeader(file[offset..]))
            {
                offset += HeaderBytes;
                continue;
            }

            var block = Block(file, ref offset);
            written += Snappy.Decompress(block, output.AsSpan(written));
        }

        return output;
    }

    /// <summary>The sum of the blocks' own lengths, each read from its start; checks the chunk framing on the way.</summary>
    private static int UncompressedLength(ReadOnlySpan<byte> file)
    {
        long total = 0;
        var offset = 0;
        while (offset < file.Length)
        {
            if (StartsWithHeader(file[offset..]))
            {
                offset += HeaderBytes;
                continue;
            }

            total += Snappy.GetUncompressedLength(Block(file, ref offset));
        }

        return total <= Array.MaxLength ? (int)total : throw new InvalidDataException("snappy stream too large");
    }

    private static ReadOnlySpan<byte> Block(ReadOnlySpan<byte> file, ref int offset)
    {
        if (file.Length - offset < 4)
            throw new InvalidDataException("snappy stream cut short in a chunk length");
        var length = BinaryPrimitives.ReadInt32BigEndian(file[offset..]);
        offset += 4;
        if (length < 0 || length > file.Length - offset)
            throw new InvalidDataException($"snappy chunk of {length} bytes at offset {offset - 4} runs past the end");
        var block = file.Slice(offset, length);
        offset += length;
        return block;
    }

    private static bool StartsWithHeader(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes || !bytes[..Magic.Length].SequenceEqual(Magic))
            return false;
        // snappy-java refuses streams whose oldest compatible version is newer than its own.
        var compatible = BinaryPrimitives.ReadInt32BigEndian(bytes[12..]);
        return compatible <= Version ? true : throw new InvalidDataException($"snappy stream needs format version {compatible}");
    }

    /// <summary>Compresses what is written in blocks of <see cref="BlockBytes"/>; disposing writes the last block and leaves the file open.</summary>
    internal sealed class Writer : Stream
    {
        private readonly Stream _file;
        private readonly byte[] _block = new byte[BlockBytes];
        private readonly byte[] _compressed = new byte[4 + Snappy.GetMaxCompressedLength(BlockBytes)];
        private int _filled;

        public Writer(Stream file)
        {
            _file = file;
            Span<byte> header = stackalloc byte[HeaderBytes];
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32BigEndian(header[8..], Version);
            BinaryPrimitives.WriteInt32BigEndian(header[12..], Version);
            file.Write(header);
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                var take = Math.Min(buffer.Length, BlockBytes - _filled);
                buffer[..take].CopyTo(_block.AsSpan(_filled));
                _filled += take;
                buffer = buffer[take..];
                if (_filled == BlockBytes)
                    WriteBlock();
            }
        }

        /// <summary>Like snappy-java's flush: the bytes so far leave as a (possibly short) block.</summary>
        public override void Flush()
        {
            WriteBlock();
            _file.Flush();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                WriteBlock();
            base.Dispose(disposing);
        }

        private void WriteBlock()
        {
            if (_filled == 0)
                return;
            var length = Snappy.Compress(_block.AsSpan(0, _filled), _compressed.AsSpan(4));
            BinaryPrimitives.WriteInt32BigEndian(_compressed, length);
            _file.Write(_compressed, 0, 4 + length);
            _filled = 0;
        }
    }
}
