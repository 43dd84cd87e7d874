using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;

namespace K8sPS.Engine.Resources;

/// <summary>Field manager names the server records in managedFields for what K8sPS writes.</summary>
public static class FieldManagers
{
    public const string Create = "k8sps";
}
