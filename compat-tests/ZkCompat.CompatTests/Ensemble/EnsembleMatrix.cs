using ZkCompat.CompatTests.Matrix;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Ensemble;

/// <summary>
/// A client program of the matrix run once per ensemble kind against the pool's ensemble of that kind,
/// with every member in its connect string (clients pick members at random and move on a loss).
/// </summary>
public abstract class EnsembleMatrix : ClientMatrix
{
    private protected EnsembleMatrix(ClientProgram program)
        : base(program)
    {
    }

    /// <summary>The run of every case against the ensemble of <paramref name="kind"/>, made on first request.</summary>
    internal Task<MatrixRun> RunAsync(EnsemblePool pool, string kind, IReadOnlyList<ClientCase> cases) =>
        RunOnceAsync($"ensemble {kind}", async () =>
        {
            var ensemble = await pool.GetAsync(kind);
            var run = await RunProgramAsync(ensemble.ConnectString, cases);
            var status = await ensemble.StatusAsync();
            return new MatrixRun(kind, run, $"ensemble after the run: {status}\n{ensemble.Describe(EnsembleUnderTest.LogCharsInErrors)}");
        });

    /// <summary>Every case on every kind in <paramref name="kinds"/>, as (kind, case) theory rows.</summary>
    internal static TheoryData<string, string> Rows(IEnumerable<string> kinds, IEnumerable<ClientCase> cases)
    {
        var rows = new TheoryData<string, string>();
        foreach (var kind in kinds)
        {
            foreach (var c in cases)
            {
                rows.Add(kind, c.Name);
            }
        }

        return rows;
    }
}
