using ZkCompat.Server.Persistence;

namespace ZkCompat.Server.Tests.Support;

/// <summary>The real disk, with faults a test can switch on: failing fsync, or a disk that is full.</summary>
internal sealed class FaultyStorage : IStorage
{
    public bool FailSync { get; set; }

    /// <summary>Writes fail once this many more bytes have been written (null = no limit).</summary>
    public long? BytesUntilFull { get; set; }

    public int Syncs { get; private set; }

    public Stream Create(string path) => new FaultyStream(DiskStorage.Instance.Create(path), this);

    public Stream OpenRead(string path) => DiskStorage.Instance.OpenRead(path);

    public Stream OpenWrite(string path) => DiskStorage.Instance.OpenWrite(path);

    public void Sync(Stream stream)
    {
        if (FailSync)
            throw new IOException("Input/output error (injected fsync failure)");
        Syncs++;
        stream.Flush();
        DiskStorage.Instance.Sync(((FaultyStream)stream).Inner);
    }

    public IReadOnlyList<string> List(string directory) => DiskStorage.Instance.List(directory);

    public void Delete(string path) => DiskStorage.Instance.Delete(path);

    public void Rename(string from, string to) => DiskStorage.Instance.Rename(from, to);

    public void CreateDirectory(string path) => DiskStorage.Instance.CreateDirectory(path);

    public bool Exists(string path) => DiskStorage.Instance.Exists(path);

    internal void Spend(int bytes)
    {
        if (BytesUntilFull is not { } left)
            return;
        if (bytes > left)
            throw new IOException("No space left on device (injected)");
        BytesUntilFull = left - bytes;
    }

    private sealed class FaultyStream(Stream inner, FaultyStorage storage) : Stream
    {
        public Stream Inner => inner;

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count)
        {
            storage.Spend(count);
            inner.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            storage.Spend(buffer.Length);
            inner.Write(buffer);
        }

        public override void WriteByte(byte value)
        {
            storage.Spend(1);
            inner.WriteByte(value);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
