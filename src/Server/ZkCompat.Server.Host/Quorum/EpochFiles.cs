using System.Globalization;
using System.Text;
using ZkCompat.Server.Persistence;

namespace ZkCompat.Server.Host.Quorum;

/// <summary>
/// acceptedEpoch and currentEpoch in dataDir/version-2 (PROTOCOL.md §11.3): ASCII decimal, no
/// newline, written to a .tmp file, fsynced and renamed, so a crash leaves the old or the new value.
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
        var temporary = path + ".tmp";
        using (var file = storage.Create(temporary))
        {
            file.Write(Encoding.ASCII.GetBytes(epoch.ToString(CultureInfo.InvariantCulture)));
            file.Flush();
            storage.Sync(file);
        }

        storage.Rename(temporary, path);
    }
}
