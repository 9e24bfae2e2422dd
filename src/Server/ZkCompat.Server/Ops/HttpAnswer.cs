namespace ZkCompat.Server.Ops;

/// <summary>A response of <see cref="HttpEndpoint"/>: status, content type and body text (UTF-8).</summary>
internal sealed record HttpAnswer(int Status, string ContentType, string Body)
{
    public static HttpAnswer NotFound { get; } = new(404, "text/plain; charset=utf-8", "Not Found\n");
}
