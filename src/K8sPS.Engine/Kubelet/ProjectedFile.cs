using System.Globalization;

namespace K8sPS.Engine.Kubelet;

/// <summary>
/// One file a container sees: where (its path in the container and in the volume), what fills it, its size and
/// mode as the kubelet writes them. It holds no content, so listing files never shows a secret.
/// </summary>
/// <param name="ContainerPath">The path the container opens.</param>
/// <param name="VolumePath">The path inside the volume (an item's path, or the key).</param>
/// <param name="Source">What the kubelet writes into it.</param>
/// <param name="Size">Bytes; null when only the cluster knows (a service account token).</param>
/// <param name="Mode">The file mode bits (e.g. 420 = 0644).</param>
/// <param name="IsSecret">True for Secret keys and tokens.</param>
public sealed record ProjectedFile(string ContainerPath, string VolumePath, ProjectedFileSource Source, long? Size, int Mode, bool IsSecret)
{
    /// <summary>The mode as ls and chmod write it, e.g. 0644.</summary>
    public string ModeOctal => "0" + Convert.ToString(Mode, 8).PadLeft(3, '0');

    public override string ToString() => $"{ContainerPath} {ModeOctal} {(Size is { } s ? s.ToString(CultureInfo.InvariantCulture) + " bytes" : "size unknown")} <- {Source}";
}
