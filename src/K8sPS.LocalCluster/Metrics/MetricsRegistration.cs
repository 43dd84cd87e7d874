using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// Makes the apiserver serve metrics.k8s.io from us, the way a metrics-server deployment registers itself,
/// except for where the apiserver connects: an APIService v1beta1.metrics.k8s.io backed by the Service
/// kube-system/metrics-server of type ExternalName with externalName 127.0.0.1. The aggregator (without
/// --enable-aggregator-routing) resolves a Service through proxy.ResolveCluster, which for ExternalName
/// takes the name and the APIService's port as they are: https://127.0.0.1:&lt;port&gt;. No ClusterIP, no
/// Endpoints (which may not hold loopback addresses anyway), no DNS lookup. The TLS server name it checks
/// is metrics-server.kube-system.svc, which our certificate carries. Also the ClusterRole metrics-server's
/// manifest ships, so view/edit/admin may read metrics.
/// </summary>
internal static class MetricsRegistration
{
    public const string Namespace = "kube-system";
    public const string ServiceName = "metrics-server";
    public const string ApiServiceName = "v1beta1." + MetricsJson.Group;
    public const string ReaderRoleName = "system:aggregated-metrics-reader";
    /// <summary>Loopback as a literal address: resolved by nobody, reachable from this machine only.</summary>
    public const string LoopbackAddress = "127.0.0.1";

    private static readonly Dictionary<string, string> Labels = new()
    {
        ["k8s-app"] = "metrics-server",
        ["app.kubernetes.io/managed-by"] = "k8sps-localcluster",
    };

    public static V1Service Service(int port) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = ServiceName, NamespaceProperty = Namespace, Labels = new Dictionary<string, string>(Labels) },
        Spec = new V1ServiceSpec
        {
            Type = "ExternalName",
            ExternalName = LoopbackAddress,
            // Informational for ExternalName (the APIService's port is the one dialled): shown by kubectl get svc.
            Ports = [new V1ServicePort { Name = "https", Port = port, Protocol = "TCP", TargetPort = port }],
        },
    };

    public static V1APIService ApiService(int port, byte[] caBundle) => new()
    {
        ApiVersion = "apiregistration.k8s.io/v1",
        Kind = "APIService",
        Metadata = new V1ObjectMeta { Name = ApiServiceName, Labels = new Dictionary<string, string>(Labels) },
        Spec = new V1APIServiceSpec
        {
            Group = MetricsJson.Group,
            Version = MetricsJson.Version,
            Service = new Apiregistrationv1ServiceReference { NamespaceProperty = Namespace, Name = ServiceName, Port = port },
            CaBundle = caBundle,
            InsecureSkipTLSVerify = false,
            GroupPriorityMinimum = 100,
            VersionPriority = 100,
        },
    };

    public static V1ClusterRole ReaderRole() => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRole",
        Metadata = new V1ObjectMeta
        {
            Name = ReaderRoleName,
            Labels = new Dictionary<string, string>(Labels)
            {
                ["rbac.authorization.k8s.io/aggregate-to-admin"] = "true",
                ["rbac.authorization.k8s.io/aggregate-to-edit"] = "true",
                ["rbac.authorization.k8s.io/aggregate-to-view"] = "true",
            },
        },
        Rules = [new V1PolicyRule { ApiGroups = [MetricsJson.Group], Resources = ["pods", "nodes"], Verbs = ["get", "list", "watch"] }],
    };

    /// <summary>Creates or updates all three, so they point at <paramref name="port"/> and trust <paramref name="caBundle"/>.</summary>
    public static async Task EnsureAsync(IKubernetes client, int port, byte[] caBundle, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        await UpsertAsync(
            c => client.CoreV1.ReadNamespacedServiceAsync(ServiceName, Namespace, cancellationToken: c),
            c => client.CoreV1.CreateNamespacedServiceAsync(Service(port), Namespace, cancellationToken: c),
            async (existing, c) =>
            {
                var wanted = Service(port);
                if (existing.Spec.Type == "ExternalName" && existing.Spec.ExternalName == LoopbackAddress && existing.Spec.Ports?.FirstOrDefault()?.Port == port) return;
                if (existing.Spec.Type != "ExternalName")
                {
                    // A ClusterIP Service (someone's metrics-server manifest) cannot become ExternalName in place with its IP: replace it.
                    await client.CoreV1.DeleteNamespacedServiceAsync(ServiceName, Namespace, cancellationToken: c).ConfigureAwait(false);
                    await client.CoreV1.CreateNamespacedServiceAsync(wanted, Namespace, cancellationToken: c).ConfigureAwait(false);
                    return;
                }
                wanted.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                await client.CoreV1.ReplaceNamespacedServiceAsync(wanted, ServiceName, Namespace, cancellationToken: c).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);

        await UpsertAsync(
            c => client.ApiregistrationV1.ReadAPIServiceAsync(ApiServiceName, cancellationToken: c),
            c => client.ApiregistrationV1.CreateAPIServiceAsync(ApiService(port, caBundle), cancellationToken: c),
            async (existing, c) =>
            {
                var s = existing.Spec;
                if (s.Service?.NamespaceProperty == Namespace && s.Service.Name == ServiceName && s.Service.Port == port
                    && s.CaBundle is not null && s.CaBundle.AsSpan().SequenceEqual(caBundle) && s.InsecureSkipTLSVerify != true) return;
                var wanted = ApiService(port, caBundle);
                wanted.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                await client.ApiregistrationV1.ReplaceAPIServiceAsync(wanted, ApiServiceName, cancellationToken: c).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);

        await UpsertAsync(
            c => client.RbacAuthorizationV1.ReadClusterRoleAsync(ReaderRoleName, cancellationToken: c),
            c => client.RbacAuthorizationV1.CreateClusterRoleAsync(ReaderRole(), cancellationToken: c),
            (_, _) => Task.CompletedTask, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Read, then create when missing or update; a conflict (someone else wrote meanwhile, or created it first)
    /// starts over. Passing failures are retried below, by the client's one retry policy.
    /// </summary>
    private static async Task UpsertAsync<T>(Func<CancellationToken, Task<T>> read, Func<CancellationToken, Task<T>> create,
        Func<T, CancellationToken, Task> update, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                T existing;
                try
                {
                    existing = await read(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (ApiStatus.Is(e, HttpStatusCode.NotFound))
                {
                    await create(ct).ConfigureAwait(false);
                    return;
                }
                await update(existing, ct).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < 5 && ApiStatus.Is(e, HttpStatusCode.Conflict))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct).ConfigureAwait(false);
            }
        }
    }

    internal static string PortText(int port) => port.ToString(CultureInfo.InvariantCulture);
}
