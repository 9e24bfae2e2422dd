namespace ZkCompat.CompatTests;

/// <summary>
/// Every scenario runs against both servers: Java passing shows the scenario tests real
/// ZooKeeper behaviour; ZkCompat passing shows the replacement has it.
/// </summary>
public static class ServerNames
{
    public static TheoryData<string> All => new() { "java", "zkcompat" };
}
