namespace ZkCompat.CompatTests.Differential;

/// <summary>One normalized line of a transcript and the (1-based) step that produced it; 0 is setup, -1 the final drain.</summary>
internal sealed record TranscriptLine(int Step, string Text);
