using System.Diagnostics;

namespace ZkCompat.CompatTests.Servers;

/// <summary>Knows how to run one server implementation on a prepared zoo.cfg.</summary>
internal interface IServerLauncher
{
    string Name { get; }

    /// <summary>zoo.cfg lines this implementation gets beyond the shared ones.</summary>
    IReadOnlyList<string> ExtraConfigLines { get; }

    /// <summary>Writes whatever else the server needs into <paramref name="workDir"/> and says how to start it.</summary>
    ProcessStartInfo CreateStartInfo(string workDir, string configPath);

    /// <summary>Adds a -Dkey=value option where the program reads it: for a JVM, right after the program name.</summary>
    void AddSystemProperty(ProcessStartInfo info, string option) => info.ArgumentList.Insert(3, option);
}
