using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// Where a file's data lies, from the file system (lseek SEEK_DATA / SEEK_HOLE). A txn log's
/// preallocated tail is a hole (Java and we write one byte at the new end), so "only zeros follow"
/// is answered without reading up to 64 MiB of zeros per log at every start.
/// </summary>
internal static class SparseFiles
{
    private const int SeekData = 3;
    private const int SeekHole = 4;
    private const int NoDataAfter = 6; // ENXIO

    private static bool s_unsupported;

    /// <summary>
    /// The data regions [start, end) at or after <paramref name="from"/>, holes skipped; null when the
    /// file system cannot tell (then the caller reads everything).
    /// </summary>
    public static List<(long Start, long End)>? DataRegions(Stream stream, long from)
    {
        if (s_unsupported || stream is not FileStream file || !OperatingSystem.IsLinux())
            return null;
        var regions = new List<(long, long)>();
        try
        {
            var position = from;
            while (position < file.Length)
            {
                var data = Lseek(file.SafeFileHandle, position, SeekData);
                if (data < 0)
                    return Marshal.GetLastPInvokeError() == NoDataAfter ? regions : null;
                var hole = Lseek(file.SafeFileHandle, data, SeekHole);
                if (hole < 0)
                    return null;
                regions.Add((data, Math.Min(hole, file.Length)));
                position = hole;
            }

            return regions;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unsupported = true;
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static extern long Lseek(SafeFileHandle fd, long offset, int whence);
}
