using YamlDotNet.RepresentationModel;

namespace K8sPS.Engine.LocalCluster;

/// <summary>
/// Adds and removes one cluster's entries (cluster, user and context, all named after it) in a
/// kubeconfig file. The file is edited as a YAML tree, not through a typed model, so every other
/// entry keeps every field, including ones this code has never heard of (exec plugins'
/// interactiveMode, extensions): a user's cloud contexts must come out working. Written owner-only.
/// </summary>
public static class KubeconfigStore
{
    /// <summary>Replaces the entries named <paramref name="name"/> and makes that context current, as minikube does.</summary>
    public static void Merge(string path, string name, string server, byte[] caPem, byte[] clientCertPem, byte[] clientKeyPem)
    {
        using var fileLock = Lock(path);
        var (stream, root) = Load(path);
        Replace(root, "clusters", name, new YamlMappingNode
        {
            { "server", server },
            { "certificate-authority-data", Convert.ToBase64String(caPem) },
        });
        Replace(root, "users", name, new YamlMappingNode
        {
            { "client-certificate-data", Convert.ToBase64String(clientCertPem) },
            { "client-key-data", Convert.ToBase64String(clientKeyPem) },
        });
        Replace(root, "contexts", name, new YamlMappingNode
        {
            { "cluster", name },
            { "user", name },
        });
        root.Children[new YamlScalarNode("current-context")] = new YamlScalarNode(name);
        Save(path, stream);
    }

    /// <summary>Removes the entries named <paramref name="name"/>; true when the file held any.</summary>
    public static bool Remove(string path, string name)
    {
        if (!File.Exists(path)) return false;
        using var fileLock = Lock(path);
        var (stream, root) = Load(path);
        var removed = false;
        foreach (var key in new[] { "clusters", "users", "contexts" })
            removed |= RemoveNamed(Sequence(root, key, create: false), name);
        if (!removed) return false;
        var current = new YamlScalarNode("current-context");
        if (root.Children.TryGetValue(current, out var value) && value is YamlScalarNode s && s.Value == name)
            root.Children[current] = new YamlScalarNode("");
        Save(path, stream);
        return true;
    }

    public static bool HasContext(string path, string name) =>
        File.Exists(path) && Sequence(Load(path).Root, "contexts", create: false)?.Children.Any(e => NameOf(e) == name) == true;

    private static void Replace(YamlMappingNode root, string listKey, string name, YamlMappingNode body)
    {
        var list = Sequence(root, listKey, create: true)!;
        RemoveNamed(list, name);
        // "clusters" holds "cluster:", "users" holds "user:", "contexts" holds "context:".
        list.Add(new YamlMappingNode { { "name", name }, { listKey.TrimEnd('s'), body } });
    }

    private static bool RemoveNamed(YamlSequenceNode? list, string name)
    {
        if (list is null) return false;
        var matches = list.Children.Where(e => NameOf(e) == name).ToList();
        foreach (var m in matches) list.Children.Remove(m);
        return matches.Count > 0;
    }

    private static string? NameOf(YamlNode entry) =>
        entry is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("name"), out var n) && n is YamlScalarNode s ? s.Value : null;

    /// <summary>The list under <paramref name="key"/>; a missing or null one is created when asked.</summary>
    private static YamlSequenceNode? Sequence(YamlMappingNode root, string key, bool create)
    {
        var k = new YamlScalarNode(key);
        if (root.Children.TryGetValue(k, out var value) && value is YamlSequenceNode seq) return seq;
        if (!create) return null;
        if (value is not null and not YamlScalarNode)
            throw new InvalidDataException($"'{key}' in the kubeconfig is not a list");
        var created = new YamlSequenceNode();
        root.Children[k] = created;
        return created;
    }

    private static (YamlStream Stream, YamlMappingNode Root) Load(string path)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var stream = new YamlStream();
        if (!string.IsNullOrWhiteSpace(text)) stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            var fresh = new YamlMappingNode { { "apiVersion", "v1" }, { "kind", "Config" } };
            stream = new YamlStream(new YamlDocument(fresh));
            return (stream, fresh);
        }
        return stream.Documents[0].RootNode is YamlMappingNode root
            ? (stream, root)
            : throw new InvalidDataException($"{path} is not a kubeconfig (its top level is not a mapping)");
    }

    private static void Save(string path, YamlStream stream)
    {
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlStream ends the document with "..."; kubectl does not write one.
        if (text.EndsWith("...\n", StringComparison.Ordinal)) text = text[..^4];
        else if (text.EndsWith("...\r\n", StringComparison.Ordinal)) text = text[..^5];
        // Through a symlinked ~/.kube/config to the file it points at, so the link stays a link.
        var target = File.Exists(path) && File.ResolveLinkTarget(path, returnFinalTarget: true) is { } link ? link.FullName : path;
        LocalClusterPaths.WritePrivateFile(target, text);
    }

    /// <summary>
    /// Holds &lt;path&gt;.lock while we read-modify-write the file, the convention kubectl (client-go)
    /// follows too, so two clusters starting at once, or kubectl, do not lose each other's entries.
    /// </summary>
    private static FileStream Lock(string path)
    {
        var lockPath = path + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(lockPath))!);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var goneBefore = false;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                // One look at the lock (a FileInfo reads whether it is there and its time together): it may be let go
                // at any moment, and a lock gone meanwhile is tried again at once. Gone twice in a row may be a failure
                // that is no lock at all (a read-only folder): then the tries are spaced, not a busy loop to the deadline.
                var held = new FileInfo(lockPath);
                if (!held.Exists)
                {
                    if (DateTime.UtcNow > deadline) throw;
                    if (goneBefore) Thread.Sleep(50);
                    goneBefore = true;
                    continue;
                }
                goneBefore = false;
                // A lock older than a minute belongs to a process that died holding it.
                if (DateTime.UtcNow - held.LastWriteTimeUtc > TimeSpan.FromMinutes(1))
                {
                    try { File.Delete(lockPath); } catch (IOException) { }
                    continue;
                }
                if (DateTime.UtcNow > deadline)
                    throw new IOException($"{lockPath} is held by another process; delete it if no kubectl or K8sPS is running.");
                Thread.Sleep(50);
            }
        }
    }
}
