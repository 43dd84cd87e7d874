using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace K8sPS.Engine.Lint;

/// <summary>The type of one field: its shape, and for objects, lists and maps what they hold.</summary>
public sealed record FieldType(FieldShape Shape, Type? ObjectType = null, FieldType? Element = null)
{
    public string Describe() => Shape switch
    {
        FieldShape.Object => ObjectType is null ? "an object" : $"an object ({ModelSchema.ModelName(ObjectType)})",
        FieldShape.List => $"a list{(Element?.ObjectType is null ? "" : " of " + ModelSchema.ModelName(Element.ObjectType))}",
        FieldShape.Map => "a map",
        FieldShape.String => "a string",
        FieldShape.Integer => "an integer",
        FieldShape.Number => "a number",
        FieldShape.Boolean => "true or false",
        FieldShape.IntOrString => "a number or a name",
        FieldShape.Quantity => "a quantity such as 1Gi or 500m",
        _ => "a value",
    };
}
