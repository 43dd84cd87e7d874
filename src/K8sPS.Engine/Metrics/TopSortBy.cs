
namespace K8sPS.Engine.Metrics;

/// <summary>kubectl top's --sort-by: by name (the default), or by CPU or memory, largest first.</summary>
public enum TopSortBy
{
    Name,
    Cpu,
    Memory,
}
