using System.Diagnostics;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Ops;

/// <summary>
/// Java ZooKeeper with its Jetty AdminServer able to start: Debian's zookeeper.jar manifest lacks
/// the servlet API jar (libservlet-api-java, which libjetty9-java pulls in), so it is added here.
/// </summary>
internal sealed class AdminJavaLauncher : IServerLauncher
{
    private const string ServletApiJar = "/usr/share/java/servlet-api.jar";
    private readonly JavaServerLauncher _java = new();

    public string Name => _java.Name;

    public IReadOnlyList<string> ExtraConfigLines => _java.ExtraConfigLines;

    public ProcessStartInfo CreateStartInfo(string workDir, string configPath)
    {
        var info = _java.CreateStartInfo(workDir, configPath);
        var cp = info.ArgumentList.IndexOf("-cp");
        if (cp >= 0 && File.Exists(ServletApiJar))
            info.ArgumentList[cp + 1] += ":" + ServletApiJar;
        return info;
    }
}
