using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Matrix;

/// <summary>
/// A test class's fixture: builds its client program once (bounded), then runs it once per
/// server with every case, against a fresh server, and hands each theory row its case's outcome.
/// </summary>
public abstract class ClientMatrix : IAsyncLifetime
{
    // npm ci and the first javac are the slow builds; both take seconds, the margin is for a busy machine.
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    // Each case bounds itself (30 s at most in every program); a run is a handful of cases.
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);
    private const int ServerLogChars = 30_000;

    private readonly ClientProgram _program;
    private readonly string _buildDir;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task<MatrixRun>> _runs = new(StringComparer.Ordinal);
    private ClientRun? _build;

    private protected ClientMatrix(ClientProgram program)
    {
        _program = program;
        _buildDir = Directory.CreateTempSubdirectory($"zkcompat-client-{program.Name}-").FullName;
    }

    public async Task InitializeAsync()
    {
        if (_program.Builds)
        {
            _build = await ClientRun.StartAsync(_program.Interpreter, _program.Script, ["build", _buildDir], BuildTimeout);
        }
    }

    /// <summary>The run of every case in <paramref name="cases"/> against <paramref name="server"/>, made on first request.</summary>
    internal Task<MatrixRun> RunAsync(string server, IReadOnlyList<ClientCase> cases) =>
        RunOnceAsync(server, () => RunOnFreshServerAsync(server, cases));

    /// <summary>The run called <paramref name="target"/>: made by <paramref name="start"/> on the first request, shared after.</summary>
    private protected Task<MatrixRun> RunOnceAsync(string target, Func<Task<MatrixRun>> start)
    {
        if (_build is { Passed: false })
        {
            Assert.Fail($"building the {_program.Name} client failed: {_build.Describe()}\n{_build.Output}");
        }

        lock (_gate)
        {
            if (!_runs.TryGetValue(target, out var run))
            {
                run = start();
                _runs.Add(target, run);
            }

            return run;
        }
    }

    /// <summary>Runs the program once with every case in <paramref name="cases"/> against <paramref name="connectString"/> (bounded).</summary>
    private protected Task<ClientRun> RunProgramAsync(string connectString, IReadOnlyList<ClientCase> cases)
    {
        var args = _program.RunArguments(_buildDir, connectString).Concat(cases.Select(c => c.Name)).ToList();
        return ClientRun.StartAsync(_program.Interpreter, _program.Script, args, RunTimeout);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_buildDir, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner gets whatever a straggling process still held.
        }
        catch (UnauthorizedAccessException)
        {
            // npm can leave read-only files; as above.
        }

        return Task.CompletedTask;
    }

    private async Task<MatrixRun> RunOnFreshServerAsync(string server, IReadOnlyList<ClientCase> cases)
    {
        await using var zk = await ServerUnderTest.StartAsync(server);
        var run = await RunProgramAsync(zk.ConnectString, cases);
        return new MatrixRun(server, run, zk.Describe(ServerLogChars));
    }
}
