namespace ZkCompat.CompatTests.Matrix;

/// <summary>One named case of a client program, with its expected-fail mark if it has one.</summary>
internal sealed record ClientCase(string Name, ExpectedFail? ExpectedFail = null)
{
    /// <summary>Every case against every server, as (server, case) theory rows.</summary>
    public static TheoryData<string, string> Rows(IEnumerable<ClientCase> cases)
    {
        var rows = new TheoryData<string, string>();
        foreach (var server in ServerNames.All)
        {
            foreach (var c in cases)
            {
                rows.Add(server, c.Name);
            }
        }

        return rows;
    }

    public static ClientCase Find(IEnumerable<ClientCase> cases, string name) =>
        cases.SingleOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no case named '{name}'", nameof(name));
}
