using System.IO.Pipelines;

namespace ZkCompat.Bench.Engine;

/// <summary>The server's side of an in-memory connection.</summary>
internal sealed class PipeTransport(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input => input;

    public PipeWriter Output => output;
}
