namespace K8sPS.Engine.Waits;

/// <summary>The forms of <c>kubectl wait --for</c>.</summary>
public enum WaitKind
{
    /// <summary><c>condition=Type[=value]</c>: a status condition of that type with that status (default True).</summary>
    Condition,
    /// <summary><c>jsonpath={expr}[=value]</c>: the expression reaches one value (equal to value, when given).</summary>
    JsonPath,
    /// <summary><c>delete</c>: the object is gone (or replaced by one with another UID).</summary>
    Delete,
    /// <summary><c>create</c> (kubectl 1.31+): the object exists.</summary>
    Create,
}
