using System.Text;
using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Kubelet;

/// <summary>
/// The files the kubelet lays out for a container's secret, configMap, projected and downwardAPI volumes
/// (pkg/volume/secret, configmap, projected, downwardapi MakePayload/CollectData): all keys, or only the items
/// (path and per-item mode); mode = item mode, else defaultMode (0644 by default); with a pod fsGroup the kubelet
/// adds group read (mode | 0440) and a token file starts from 0600; a missing optional source gives no files, a
/// missing required one (or a missing item key) fails the volume's setup with the kubelet's message. subPath
/// mounts show just that entry. File contents are never held: sizes only.
/// </summary>
public static class ProjectedFiles
{
    /// <summary>The API's default for defaultMode of all four volume types: 0644.</summary>
    public const int DefaultMode = 420;

    private const int GroupReadMask = 288; // 0440: SetVolumeOwnership on a read-only volume
    private const int TokenModeWithFsGroup = 384; // 0600

    public static ContainerFiles ForContainer(V1Pod pod, string containerName, PodLookups lookups)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(containerName);
        ArgumentNullException.ThrowIfNull(lookups);
        var (container, containerField) = PodEnvironment.FindContainer(pod, containerName);
        var ns = string.IsNullOrEmpty(pod.Metadata?.NamespaceProperty) ? "default" : pod.Metadata.NamespaceProperty;
        var volumes = pod.Spec?.Volumes ?? [];
        var mounts = new List<VolumeMountFiles>();
        ContainerEnvironment? environment = null;
        var mountList = container.VolumeMounts ?? [];
        for (var i = 0; i < mountList.Count; i++)
        {
            var mount = mountList[i];
            var field = $"{containerField}.volumeMounts[{i}]";
            var volumeIndex = volumes.ToList().FindIndex(v => v.Name == mount.Name);
            if (volumeIndex < 0)
            {
                var message = $"cannot find volume \"{mount.Name}\" to mount into container \"{containerName}\"";
                mounts.Add(new VolumeMountFiles(mount.Name, "?", mount.MountPath, mount.SubPath, mount.ReadOnlyProperty == true, false, [], [],
                    new ContainerStartFailure(ContainerStartFailure.CreateContainerConfigError, message, field, new KubeletEvent("Warning", "Failed", "Error: " + message))));
                continue;
            }
            var volume = volumes[volumeIndex];
            var payload = Payload(pod, ns, volume, $"spec.volumes[{volumeIndex}]", lookups);

            // subPath / subPathExpr, checked as makeMounts checks them.
            var subPath = string.IsNullOrEmpty(mount.SubPath) ? null : mount.SubPath;
            ContainerStartFailure? mountFailure = null;
            if (!string.IsNullOrEmpty(mount.SubPathExpr))
            {
                environment ??= PodEnvironment.Compute(pod, containerName, lookups);
                if (environment.Failure is not null) mountFailure = environment.Failure;
                else
                {
                    var missing = new SortedSet<string>(StringComparer.Ordinal);
                    var expanded = VariableExpansion.Expand(mount.SubPathExpr, name =>
                    {
                        var value = environment[name]?.RevealValue();
                        if (string.IsNullOrEmpty(value)) missing.Add(name);
                        return value ?? "";
                    });
                    if (missing.Count > 0) mountFailure = ConfigError($"missing value for {string.Join(", ", missing)}", field + ".subPathExpr");
                    else subPath = expanded.Value;
                }
            }
            if (mountFailure is null && subPath is not null)
            {
                if (subPath.StartsWith('/')) mountFailure = ConfigError($"error SubPath `{subPath}` must not be an absolute path", field + ".subPath");
                else if (subPath.Replace('\\', '/').Split('/').Contains("..")) mountFailure = ConfigError($"unable to provision SubPath `{subPath}`: must not contain '..'", field + ".subPath");
            }

            var notes = new List<string>(payload.Notes);
            var files = new List<ProjectedFile>();
            if (payload.Type is "secret" or "configMap" or "projected" or "downwardAPI")
            {
                foreach (var (path, file) in payload.Files.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    string? containerPath = ContainerPathFor(mount.MountPath, path, subPath);
                    if (containerPath is not null) files.Add(file with { ContainerPath = containerPath });
                }
                if (subPath is not null && files.Count == 0 && payload.Failure is null && mountFailure is null)
                    notes.Add($"subPath {subPath} is not in volume {volume.Name}: the kubelet creates it as an empty folder at {mount.MountPath}");
            }
            var readOnly = mount.ReadOnlyProperty == true || payload.Type is "secret" or "configMap" or "projected" or "downwardAPI";
            mounts.Add(new VolumeMountFiles(volume.Name, payload.Type, mount.MountPath, subPath, readOnly, subPath is null,
                payload.Failure is null && mountFailure is null ? files : [], notes, payload.Failure ?? mountFailure));
        }
        return new ContainerFiles(pod.Metadata?.Name ?? "", ns, containerName, mounts);
    }

    private static string? ContainerPathFor(string mountPath, string volumePath, string? subPath)
    {
        var root = mountPath.TrimEnd('/');
        if (subPath is null) return root + "/" + volumePath;
        var sub = subPath.Trim('/');
        if (volumePath == sub) return mountPath;
        return volumePath.StartsWith(sub + "/", StringComparison.Ordinal) ? root + "/" + volumePath[(sub.Length + 1)..] : null;
    }

    private sealed record VolumePayload(string Type, Dictionary<string, ProjectedFile> Files, List<string> Notes, ContainerStartFailure? Failure);

    private static VolumePayload Payload(V1Pod pod, string ns, V1Volume volume, string field, PodLookups lookups)
    {
        var files = new Dictionary<string, ProjectedFile>(StringComparer.Ordinal);
        var notes = new List<string>();
        var errors = new List<string>();
        var fsGroup = pod.Spec?.SecurityContext?.FsGroup is not null;
        int Mode(int? item, int? defaultMode) => (item ?? defaultMode ?? DefaultMode) | (fsGroup ? GroupReadMask : 0);

        string type;
        if (volume.Secret is { } secretVolume)
        {
            type = "secret";
            AddSecret(secretVolume.SecretName, secretVolume.Items, secretVolume.Optional == true, secretVolume.DefaultMode);
        }
        else if (volume.ConfigMap is { } cmVolume)
        {
            type = "configMap";
            AddConfigMap(cmVolume.Name, cmVolume.Items, cmVolume.Optional == true, cmVolume.DefaultMode);
        }
        else if (volume.DownwardAPI is { } downward)
        {
            type = "downwardAPI";
            AddDownward(downward.Items, downward.DefaultMode);
        }
        else if (volume.Projected is { } projected)
        {
            type = "projected";
            foreach (var source in projected.Sources ?? [])
            {
                if (source.Secret is { } s) AddSecret(s.Name, s.Items, s.Optional == true, projected.DefaultMode);
                else if (source.ConfigMap is { } c) AddConfigMap(c.Name, c.Items, c.Optional == true, projected.DefaultMode);
                else if (source.DownwardAPI is { } d) AddDownward(d.Items, projected.DefaultMode);
                else if (source.ServiceAccountToken is { } token)
                {
                    var mode = fsGroup ? TokenModeWithFsGroup | GroupReadMask : projected.DefaultMode ?? DefaultMode;
                    files[token.Path] = new ProjectedFile("", token.Path, new ProjectedFileSource("serviceAccountToken", pod.Spec?.ServiceAccountName, string.IsNullOrEmpty(token.Audience) ? null : token.Audience), null, mode, true);
                }
            }
        }
        else
        {
            type = OtherType(volume);
        }

        ContainerStartFailure? failure = null;
        if (errors.Count > 0)
        {
            // utilerrors.NewAggregate: one error as it is, several as [a, b].
            var message = $"MountVolume.SetUp failed for volume \"{volume.Name}\" : {(errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]")}";
            failure = new ContainerStartFailure(ContainerStartFailure.ContainerCreating, message, field, new KubeletEvent("Warning", "FailedMount", message));
        }
        return new VolumePayload(type, files, notes, failure);

        void AddSecret(string name, IList<V1KeyToPath>? items, bool optional, int? defaultMode)
        {
            var secret = lookups.Secret(name);
            if (secret is null)
            {
                if (!optional) { errors.Add($"secret \"{name}\" not found"); return; }
                notes.Add($"optional secret {name} not found: no files from it");
                secret = new V1Secret();
            }
            var data = secret.Data ?? new Dictionary<string, byte[]>();
            if (items is not { Count: > 0 })
            {
                foreach (var (key, value) in data)
                    files[key] = new ProjectedFile("", key, new ProjectedFileSource("secret", name, key), value?.LongLength ?? 0, Mode(null, defaultMode), true);
                return;
            }
            foreach (var item in items)
            {
                if (!data.TryGetValue(item.Key, out var value))
                {
                    if (optional) { notes.Add($"optional secret {name} has no key {item.Key}: no file {item.Path}"); continue; }
                    errors.Add($"references non-existent secret key: {item.Key}");
                    return;
                }
                files[item.Path] = new ProjectedFile("", item.Path, new ProjectedFileSource("secret", name, item.Key), value?.LongLength ?? 0, Mode(item.Mode, defaultMode), true);
            }
        }

        void AddConfigMap(string name, IList<V1KeyToPath>? items, bool optional, int? defaultMode)
        {
            var configMap = lookups.ConfigMap(name);
            if (configMap is null)
            {
                if (!optional) { errors.Add($"configmap \"{name}\" not found"); return; }
                notes.Add($"optional configMap {name} not found: no files from it");
                configMap = new V1ConfigMap();
            }
            long? SizeOf(string key) => configMap.Data?.TryGetValue(key, out var text) == true ? Encoding.UTF8.GetByteCount(text ?? "")
                : configMap.BinaryData?.TryGetValue(key, out var bytes) == true ? bytes?.LongLength ?? 0 : null;
            if (items is not { Count: > 0 })
            {
                foreach (var key in (configMap.Data?.Keys ?? []).Concat(configMap.BinaryData?.Keys ?? []))
                    files[key] = new ProjectedFile("", key, new ProjectedFileSource("configMap", name, key), SizeOf(key), Mode(null, defaultMode), false);
                return;
            }
            foreach (var item in items)
            {
                if (SizeOf(item.Key) is not { } size)
                {
                    if (optional) { notes.Add($"optional configMap {name} has no key {item.Key}: no file {item.Path}"); continue; }
                    errors.Add($"configmap references non-existent config key: {item.Key}");
                    return;
                }
                files[item.Path] = new ProjectedFile("", item.Path, new ProjectedFileSource("configMap", name, item.Key), size, Mode(item.Mode, defaultMode), false);
            }
        }

        void AddDownward(IList<V1DownwardAPIVolumeFile>? items, int? defaultMode)
        {
            foreach (var item in items ?? [])
            {
                var path = CleanPath(item.Path);
                string value = "";
                ProjectedFileSource source;
                try
                {
                    if (item.FieldRef is { } fieldRef)
                    {
                        source = new ProjectedFileSource("downwardAPI", null, fieldRef.FieldPath);
                        value = DownwardApi.FieldPathValue(pod, fieldRef.FieldPath);
                    }
                    else if (item.ResourceFieldRef is { } resourceRef)
                    {
                        source = new ProjectedFileSource("downwardAPI", resourceRef.ContainerName, resourceRef.Resource);
                        value = DownwardApi.VolumeResourceValue(pod, resourceRef, lookups.NodeAllocatable);
                    }
                    else
                    {
                        source = new ProjectedFileSource("downwardAPI", null, null);
                    }
                }
                catch (K8sException e)
                {
                    errors.Add(e.Error.Message);
                    continue;
                }
                files[path] = new ProjectedFile("", path, source, Encoding.UTF8.GetByteCount(value), Mode(item.Mode, defaultMode), false);
            }
        }
    }

    private static ContainerStartFailure ConfigError(string message, string field)
        => new(ContainerStartFailure.CreateContainerConfigError, message, field, new KubeletEvent("Warning", "Failed", "Error: " + message));

    /// <summary>Go's filepath.Clean for the relative paths of downwardAPI items.</summary>
    internal static string CleanPath(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }
        var cleaned = string.Join("/", parts);
        return path.StartsWith('/') ? "/" + cleaned : cleaned.Length == 0 ? "." : cleaned;
    }

    private static string OtherType(V1Volume v) =>
        v.EmptyDir is not null ? "emptyDir" : v.HostPath is not null ? "hostPath" : v.PersistentVolumeClaim is not null ? "persistentVolumeClaim"
        : v.Nfs is not null ? "nfs" : v.Csi is not null ? "csi" : v.Ephemeral is not null ? "ephemeral" : v.Image is not null ? "image" : "other";
}
