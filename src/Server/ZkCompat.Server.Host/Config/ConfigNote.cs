using Microsoft.Extensions.Logging;

namespace ZkCompat.Server.Host.Config;

/// <summary>Something zoo.cfg parsing has to say, at the level Java logs it (an ignored key is Information).</summary>
internal readonly record struct ConfigNote(LogLevel Level, string Text);
