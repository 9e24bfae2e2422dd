using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests.Matrix;

/// <summary>One run of a client program against one server: every case's outcome and the evidence.</summary>
internal sealed class MatrixRun(string server, ClientRun run, string serverDescription)
{
    private readonly IReadOnlyDictionary<string, CaseOutcome> _outcomes = CaseOutcome.Parse(run.Output);

    public string Server { get; } = server;

    public CaseOutcome? Outcome(string caseName) => _outcomes.GetValueOrDefault(caseName);

    /// <summary>The command, how it ended, its output and the server's zoo.cfg and log tail.</summary>
    public string Evidence() =>
        $"{run.Describe()}\n--- client output ---\n{run.Output}\n{serverDescription}";
}
