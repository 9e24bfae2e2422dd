using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Ensemble;

/// <summary>
/// One healthy ensemble per kind, started on first use and shared by the tests that never kill or
/// restart members (roles, the client matrix); the tests that do start their own.
/// </summary>
public sealed class EnsemblePool : IAsyncLifetime
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task<EnsembleUnderTest>> _ensembles = new(StringComparer.Ordinal);

    public Task InitializeAsync() => Task.CompletedTask;

    internal Task<EnsembleUnderTest> GetAsync(string kind)
    {
        lock (_gate)
        {
            if (!_ensembles.TryGetValue(kind, out var ensemble))
            {
                ensemble = EnsembleUnderTest.StartAsync(EnsembleKinds.Members(kind));
                _ensembles.Add(kind, ensemble);
            }

            return ensemble;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var ensemble in _ensembles.Values)
        {
            try
            {
                await (await ensemble).DisposeAsync();
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // It never started; the test that asked for it reported why.
            }
        }
    }
}
