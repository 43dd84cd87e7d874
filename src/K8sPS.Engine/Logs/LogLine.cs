using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Logs;

/// <summary>A line of a container's log (without its newline), or the error that ended that container's stream.</summary>
public sealed record LogLine(LogSource Source, string? Text, K8sException? Error = null);
