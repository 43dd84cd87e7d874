using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Metrics;

/// <summary>Reading --sort-by as kubectl does.</summary>
public static class TopSort
{
    /// <summary>"" or null is by name; "cpu" and "memory" as kubectl spells them; anything else is kubectl's error.</summary>
    public static TopSortBy Parse(string? value) => value switch
    {
        null or "" => TopSortBy.Name,
        "cpu" => TopSortBy.Cpu,
        "memory" => TopSortBy.Memory,
        _ => throw new K8sException(new K8sError("InvalidSortBy", K8sErrorCategory.InvalidArgument,
            $"--sort-by accepts only cpu or memory, not '{value}'")
        {
            RecommendedAction = "Sort by cpu or memory, or leave the sort out to sort by name.",
        }),
    };
}
