using System.Collections;
using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Generators;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;
using K8sPS.Secrets;
using K8sPS.Completion;

namespace K8sPS.Config;

/// <summary>
/// New-K8sConfigMap: kubectl create configmap from files, folders, key=path, literals or env files; text to data,
/// anything that is not UTF-8 to binaryData, as kubectl decides.
/// </summary>
[Cmdlet(VerbsCommon.New, "K8sConfigMap", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(V1ConfigMap))]
public sealed class NewK8sConfigMapCommand : K8sCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Files, folders or key=path, as kubectl's --from-file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? FromFile { get; set; }

    /// <summary>Keys and values (text, or bytes for binaryData).</summary>
    [Parameter]
    [ValidateNotNull]
    public IDictionary? FromLiteral { get; set; }

    /// <summary>KEY=value files, as kubectl's --from-env-file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? FromEnvFile { get; set; }

    /// <summary>Leave out a folder's subfolders and links, as kubectl does without a word (by default they are an error).</summary>
    [Parameter]
    public SwitchParameter SkipSubfolders { get; set; }

    /// <summary>Replace an existing config map's content, as kubectl create --dry-run=client -o yaml | kubectl apply -f -.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Requests in flight at once for piped input.</summary>
    [Parameter]
    [ValidateRange(1, Throttle.MaxLimit)]
    public int ThrottleLimit { get; set; } = Throttle.DefaultLimit;

    protected override async Task ProcessRecordAsync()
    {
        // Pipeline-bound parameters are taken now: the next record rebinds them while this one is in flight.
        var name = Name;
        var ns = ResolveNamespace(Namespace);
        V1ConfigMap? configMap = null;
        K8sException? invalid = null;
        // Files are read here, on the pipeline thread (paths are PowerShell's); a bad input is its item's error, in order.
        try { configMap = ConfigMapGenerator.Build(name, ns, SecretInput.Sources(this, FromFile, FromLiteral, FromEnvFile, SkipSubfolders)); }
        catch (K8sException e) { invalid = e; }
        var connection = Connection;
        await StartItemAsync(name, async () =>
        {
            if (invalid is not null) throw invalid;
            var keys = (configMap!.Data?.Keys ?? []).Concat(configMap.BinaryData?.Keys.Select(k => k + " (binary)") ?? []).Order(StringComparer.Ordinal).ToList();
            var what = keys.Count == 0 ? "no keys" : string.Join(", ", keys);
            var target = $"configmap/{name} in namespace {ns}";
            if (Force)
            {
                var existing = await ConfigMapOperations.FindAsync(connection, ns, name, CancellationToken).ConfigureAwait(false);
                if (!await ShouldProcessAsync(target, $"{(existing is null ? "Create" : "Replace")} ({what})").ConfigureAwait(false)) return;
                WriteObjectAsync((await ConfigMapOperations.CreateOrReplaceAsync(connection, ns, configMap!, ct: CancellationToken).ConfigureAwait(false)).Result);
                return;
            }
            if (!await ShouldProcessAsync(target, $"Create ({what})").ConfigureAwait(false)) return;
            WriteObjectAsync(await ConfigMapOperations.CreateAsync(connection, ns, configMap!, ct: CancellationToken).ConfigureAwait(false));
        }, "ConfigMap", name, ns).ConfigureAwait(false);
    }
}
