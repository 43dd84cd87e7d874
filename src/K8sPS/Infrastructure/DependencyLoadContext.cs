using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace K8sPS.Infrastructure;

/// <summary>
/// Loads the module's dependencies (K8sPS.Engine, KubernetesClient, YamlDotNet, ...) from the module's
/// deps/ folder into a load context of their own, so K8sPS imports cleanly beside modules that load
/// other versions of the same assemblies into the default context.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private static readonly string DepsFolder = Path.Combine(
        Path.GetDirectoryName(typeof(DependencyLoadContext).Assembly.Location)!, "deps");

    public static DependencyLoadContext Instance { get; } = new();

    private DependencyLoadContext() : base("K8sPS.Dependencies") { }

    public static string Folder => DepsFolder;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = PathOf(assemblyName);
        // Anything not shipped in deps/ (the framework, System.Management.Automation) comes from the default context.
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <summary>The default context asks here for what the cmdlets assembly references and cannot find itself.</summary>
    internal static Assembly? ResolveForDefaultContext(AssemblyLoadContext defaultContext, AssemblyName assemblyName)
        => PathOf(assemblyName) is null ? null : Instance.LoadFromAssemblyName(assemblyName);

    private static string? PathOf(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null) return null;
        var path = Path.Combine(DepsFolder, assemblyName.Name + ".dll");
        return File.Exists(path) ? path : null;
    }
}

/// <summary>Hooks the resolver in before any cmdlet runs.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private static int _hooked;

    public void OnImport() => Hook();

    /// <summary>
    /// Runs when the runtime first touches this assembly, before PowerShell reflects over the cmdlet
    /// types: their base classes and OutputType attributes name KubernetesClient types, which must
    /// already resolve from deps/ at that moment (OnImport comes too late for that).
    /// </summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Hook()
    {
        // Import-Module -Force runs this again in the same process: hook once.
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
            AssemblyLoadContext.Default.Resolving += DependencyLoadContext.ResolveForDefaultContext;
    }
}
