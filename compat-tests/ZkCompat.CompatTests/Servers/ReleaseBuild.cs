using System.Diagnostics;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Servers;

/// <summary>
/// The release build (the NativeAOT executable the README's release command makes), published once
/// per test run into the tests' own bin/…/release directory, so the shipped artifact meets real clients in CI too.
/// </summary>
internal static class ReleaseBuild
{
    private static readonly TimeSpan s_bound = TimeSpan.FromMinutes(10);
    private static readonly Lazy<Task<string>> s_executable = new(PublishAsync);

    /// <summary>The path of the published <c>zkcompat</c> executable.</summary>
    public static Task<string> ExecutableAsync() => s_executable.Value;

    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "release");
        var project = Path.Combine(RepositoryRoot(), "src", "Server", "ZkCompat.Server.Host", "ZkCompat.Server.Host.csproj");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "publish", project, "-p:PublishProfile=release", $"-p:PublishDir={output}/", "--nologo", "-v", "quiet" })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet publish did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(s_bound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            await ProcessTree.KillAsync(process);
            throw new TimeoutException($"dotnet publish of the release build took over {s_bound.TotalMinutes} min");
        }

        var executable = Path.Combine(output, "zkcompat");
        if (process.ExitCode != 0 || !File.Exists(executable))
            throw new InvalidOperationException($"dotnet publish of the release build failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        return executable;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZkCompat.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ZkCompat.sln not found above " + AppContext.BaseDirectory);
    }
}
