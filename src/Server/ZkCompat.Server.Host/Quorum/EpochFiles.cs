using System.Globalization;
using System.Text;
using ZkCompat.Server.Persistence;

namespace ZkCompat.Server.Host.Quorum;

/// <summary>
/// acceptedEpoch and currentEpoch in dataDir/version-2 (PROTOCOL.md §11.3): ASCII decimal, no
/// newline, written to a .tmp file, fsynced and renamed, so a crash leaves the old or the new value.
/// A learner stages currentEpoch.tmp before the txns of a sync; at start, a last logged zxid of a
/// newer epoch than currentEpoch takes the staged value, as Java 3.8.0's loadDataBase does.
/// </summary>
internal sealed class EpochFiles(IStorage storage, string directory)
{
    public long Read(string name, long missing)
    {
        var path = Path.Combine(directory, name);
        if (!storage.Exists(path))
            return missing;
        using var file = storage.OpenRead(path);
        using var reader = new StreamReader(file, Encoding.ASCII);
        return long.Parse(reader.ReadToEnd().Trim(), CultureInfo.InvariantCulture);
    }

    public void Write(string name, long epoch)
    {
        var path = Path.Combine(directory, name);
        Stage(name, epoch);
        storage.Rename(path + ".tmp", path);
    }

    /// <summary>Writes the value to name.tmp durably and leaves it there (see <see cref="Write"/>).</summary>
    public void Stage(string name, long epoch)
    {
        // A .tmp left by a crash (or staged earlier) is overwritten, never appended to.
        var temporary = Path.Combine(directory, name + ".tmp");
        if (storage.Exists(temporary))
            storage.Delete(temporary);
        using var file = storage.Create(temporary);
        file.Write(Encoding.ASCII.GetBytes(epoch.ToString(CultureInfo.InvariantCulture)));
        file.Flush();
        storage.Sync(file);
    }
}
