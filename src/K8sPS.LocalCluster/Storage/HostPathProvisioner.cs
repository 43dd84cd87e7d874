using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Models;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Storage;

/// <summary>
/// minikube's storage, ours: the default StorageClass "standard", and a dynamic provisioner that makes a
/// hostPath PersistentVolume "pvc-&lt;claim uid&gt;" (a folder under the cluster's volume root) for each
/// claim the PV controller hands it, and deletes it when it is Released with policy Delete. Binding is
/// left to the real PV controller. Uses only the client it is given.
/// </summary>
public sealed class HostPathProvisioner
{
    private readonly IKubernetes _client;
    private readonly HostPathProvisionerOptions _options;
    private readonly ConcurrentDictionary<string, string> _reclaimPolicies = new();

    public HostPathProvisioner(IKubernetes client, HostPathProvisionerOptions options)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (string.IsNullOrWhiteSpace(options.VolumeRoot)) throw new ArgumentException("VolumeRoot (the cluster's volume folder) is required.", nameof(options));
    }

    public async Task RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_options.VolumeRoot);
        await EnsureStorageClassAsync(ct).ConfigureAwait(false);

        var claims = new ListWatcher<V1PersistentVolumeClaim>("persistentvolumeclaims",
            async (token, c) =>
            {
                var list = await _client.CoreV1.ListPersistentVolumeClaimForAllNamespacesAsync(limit: 500, continueParameter: token, cancellationToken: c).ConfigureAwait(false);
                return (list.Items, list.Metadata.ResourceVersion, list.Metadata.ContinueProperty);
            },
            (rv, onError, c) => _client.CoreV1.WatchListPersistentVolumeClaimForAllNamespacesAsync(
                allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: 300, onError: onError, cancellationToken: c),
            async (items, c) => { foreach (var claim in items) await OnClaimAsync(claim, c).ConfigureAwait(false); },
            (type, claim, c) => type == WatchEventType.Deleted ? Task.CompletedTask : OnClaimAsync(claim, c),
            _options.Log);

        var volumes = new ListWatcher<V1PersistentVolume>("persistentvolumes",
            async (token, c) =>
            {
                var list = await _client.CoreV1.ListPersistentVolumeAsync(limit: 500, continueParameter: token, cancellationToken: c).ConfigureAwait(false);
                return (list.Items, list.Metadata.ResourceVersion, list.Metadata.ContinueProperty);
            },
            (rv, onError, c) => _client.CoreV1.WatchListPersistentVolumeAsync(
                allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: 300, onError: onError, cancellationToken: c),
            async (items, c) => { foreach (var volume in items) await OnVolumeAsync(volume, c).ConfigureAwait(false); },
            (type, volume, c) => type == WatchEventType.Deleted ? Task.CompletedTask : OnVolumeAsync(volume, c),
            _options.Log);

        try
        {
            await Task.WhenAll(claims.RunAsync(ct), volumes.RunAsync(ct)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task EnsureStorageClassAsync(CancellationToken ct)
    {
        try
        {
            await _client.StorageV1.CreateStorageClassAsync(HostPathVolumeFactory.DefaultStorageClass(_options), cancellationToken: ct).ConfigureAwait(false);
            _options.Log?.Invoke($"storage class {_options.StorageClassName} created");
        }
        catch (Exception e) when (ApiStatus.Is(e, HttpStatusCode.Conflict))
        {
            // Kept from an earlier start (or made by the user): theirs to keep as it is.
        }
    }

    private async Task OnClaimAsync(V1PersistentVolumeClaim claim, CancellationToken ct)
    {
        if (!HostPathVolumeFactory.WantsVolume(claim, _options.ProvisionerName)) return;
        try
        {
            var policy = await ReclaimPolicyAsync(claim.Spec.StorageClassName, ct).ConfigureAwait(false);
            var volume = HostPathVolumeFactory.Volume(claim, policy, _options);
            Directory.CreateDirectory(volume.Spec.HostPath.Path);
            await _client.CoreV1.CreatePersistentVolumeAsync(volume, cancellationToken: ct).ConfigureAwait(false);
            _options.Log?.Invoke($"volume {volume.Metadata.Name} provisioned for {claim.Metadata.NamespaceProperty}/{claim.Metadata.Name}");
        }
        catch (Exception e) when (ApiStatus.Is(e, HttpStatusCode.Conflict))
        {
            // Made on an earlier event already.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The claim's next update (the PV controller resyncs it) brings it back here.
            _options.Log?.Invoke($"claim {claim.Metadata.NamespaceProperty}/{claim.Metadata.Name}: provisioning failed: {e.Message}");
        }
    }

    private async Task<string> ReclaimPolicyAsync(string? className, CancellationToken ct)
    {
        var name = className ?? _options.StorageClassName;
        if (_reclaimPolicies.TryGetValue(name, out var known)) return known;
        var storageClass = await _client.StorageV1.ReadStorageClassAsync(name, cancellationToken: ct).ConfigureAwait(false);
        return _reclaimPolicies[name] = storageClass.ReclaimPolicy ?? "Delete";
    }

    private async Task OnVolumeAsync(V1PersistentVolume volume, CancellationToken ct)
    {
        if (!HostPathVolumeFactory.ShouldDelete(volume, _options.ProvisionerName)) return;
        try
        {
            var path = volume.Spec.HostPath?.Path;
            // Only ever a folder of ours.
            if (path is not null && Path.GetFullPath(path).StartsWith(Path.GetFullPath(_options.VolumeRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && Directory.Exists(path))
                Directory.Delete(path, recursive: true);
            await _client.CoreV1.DeletePersistentVolumeAsync(volume.Metadata.Name,
                new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = volume.Metadata.Uid } }, cancellationToken: ct).ConfigureAwait(false);
            _options.Log?.Invoke($"volume {volume.Metadata.Name} deleted (claim released)");
        }
        catch (Exception e) when (ApiStatus.Is(e, HttpStatusCode.NotFound) || ApiStatus.Is(e, HttpStatusCode.Conflict))
        {
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _options.Log?.Invoke($"volume {volume.Metadata.Name}: deleting failed: {e.Message}");
        }
    }
}
