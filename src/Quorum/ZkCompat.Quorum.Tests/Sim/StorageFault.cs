namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>
/// What happens to one durable write: nothing, a crash before it, a crash in the middle of a
/// flush that leaves the first <see cref="Keep"/> buffered records durable and tears the next,
/// or a disk error (IOException) that loses the buffered records.
/// </summary>
internal readonly record struct StorageFault(StorageFaultKind Kind, int Keep = 0)
{
    public static readonly StorageFault None = new(StorageFaultKind.None);
}
