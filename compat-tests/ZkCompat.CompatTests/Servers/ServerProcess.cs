using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Servers;

/// <summary>One server process with its own temp directory (zoo.cfg, dataDir, logs) and port.</summary>
internal sealed class ServerProcess : IServerUnderTest
{
    private readonly Process _process;
    private readonly OutputLog _log = new();
    private readonly string _workDir;
    private readonly string _config;
    private readonly Stopwatch _age = Stopwatch.StartNew();

    private ServerProcess(IServerLauncher launcher, ServerSettings settings, int port, ServerStartOptions options)
    {
        Name = launcher.Name;
        Settings = settings;
        Port = port;
        _workDir = Directory.CreateTempSubdirectory($"zkcompat-{launcher.Name}-").FullName;
        // A given dataDir belongs to the caller (it outlives this server); the default one is deleted with the work dir.
        DataDir = options.DataDir ?? Path.Combine(_workDir, "data");
        Directory.CreateDirectory(DataDir);
        var configPath = Path.Combine(_workDir, "zoo.cfg");
        _config = settings.ToZooCfg(port, DataDir, launcher.ExtraConfigLines.Concat(options.ExtraConfigLines));
        File.WriteAllText(configPath, _config);
        var start = launcher.CreateStartInfo(_workDir, configPath);
        foreach (var (key, value) in options.SystemProperties)
            launcher.AddSystemProperty(start, $"-D{key}={value}");
        _process = new Process { StartInfo = start };
        _log.Attach(_process);
    }

    public string Name { get; }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string ConnectString => $"{Host}:{Port}";

    public ServerSettings Settings { get; }

    public string DataDir { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>True when the log says the port was taken between choosing it and binding it.</summary>
    public bool LostPortRace => _log.Contains("Address already in use");

    /// <summary>How many lines of this run's output hold <paramref name="text"/> (case-insensitive).</summary>
    public int LogCount(string text) => _log.Count(text);

    /// <summary>The first line of this run's output that holds <paramref name="text"/> (case-insensitive), or null.</summary>
    public string? FirstLogLine(string text) => _log.FirstLine(text);

    public static ServerProcess Start(IServerLauncher launcher, ServerSettings settings, int port, ServerStartOptions? options = null)
    {
        var server = new ServerProcess(launcher, settings, port, options ?? ServerStartOptions.Default);
        try
        {
            server._process.Start();
        }
        catch
        {
            server.DeleteWorkDir();
            throw;
        }

        server._process.StandardInput.Close();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Waits until the server answers a handshake (accepting TCP is not enough: Java's port accepts
    /// before it serves), then closes that probe session; false if the process exits or time runs out.
    /// </summary>
    public async Task<bool> WaitUntilServingAsync(TimeSpan timeout)
    {
        try
        {
            using var probe = await RawZkClient.HandshakeWhenServingAsync(Host, Port, timeout, () => _process.HasExited);
            await probe.SendAsync(Jute.Frame(Jute.RequestHeader(1, -11)));
            await probe.ReadFrameAsync();
            return true;
        }
        catch (Exception e) when (e is TimeoutException or EndOfStreamException or SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit by itself; its exit code, or null if it still runs.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public string Describe(int maxLogChars)
    {
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
        return new StringBuilder()
            .AppendLine($"--- server '{Name}' on {ConnectString}, {state}, {_age.Elapsed.TotalSeconds:F1}s after start ---")
            .AppendLine($"command: {_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)}")
            .AppendLine("zoo.cfg:")
            .Append(_config)
            .AppendLine("--- server stdout+stderr (tail) ---")
            .Append(_log.Tail(maxLogChars))
            .ToString();
    }

    public async Task KillAsync()
    {
        // Process.Kill sends SIGKILL on Unix: no shutdown hook, no flush, no close.
        await ProcessTree.KillAsync(_process);
        if (!_process.HasExited)
        {
            throw new InvalidOperationException($"server '{Name}' on {ConnectString} did not exit after SIGKILL");
        }
    }

    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            // SIGTERM to coreutils' timeout, which passes it on to the server (a JVM or dotnet).
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", $"{_process.Id}" }, UseShellExecute = false })!)
            {
                await kill.WaitForExitAsync(deadline.Token);
            }

            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessTree.KillAsync(_process);
        _process.Dispose();
        DeleteWorkDir();
    }

    private void DeleteWorkDir()
    {
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // A straggling write from a dying process; the OS temp cleaner gets the rest.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
