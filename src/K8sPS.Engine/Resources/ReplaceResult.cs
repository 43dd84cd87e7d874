namespace K8sPS.Engine.Resources;

/// <summary>What a create-or-replace wrote, and the object it replaced (null when it created one).</summary>
public sealed record ReplaceResult<T>(T Result, T? Replaced) where T : class;
