using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// A whole file as read-only memory, mapped rather than read: a snapshot is parsed straight from
/// the page cache, without a heap copy of it (a 210 MB array to fault in, fill, and collect later).
/// </summary>
internal sealed unsafe class FileView : MemoryManager<byte>
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _start;
    private readonly int _length;

    public FileView(FileStream stream)
    {
        _length = checked((int)stream.Length);
        if (_length == 0)
            return;
        _file = MemoryMappedFile.CreateFromFile(stream.SafeFileHandle, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        _view = _file.CreateViewAccessor(0, _length, MemoryMappedFileAccess.Read);
        byte* mapped = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref mapped);
        _start = mapped + _view.PointerOffset;
    }

    public override Span<byte> GetSpan() => new(_start, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_start + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (_view is null)
            return;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file!.Dispose();
    }
}
