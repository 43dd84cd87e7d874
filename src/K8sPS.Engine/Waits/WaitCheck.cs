namespace K8sPS.Engine.Waits;

/// <summary>One look at an object: whether the wait condition holds, and in words what was seen (for progress and timeout messages).</summary>
public sealed record WaitCheck(bool Met, string Observed);
