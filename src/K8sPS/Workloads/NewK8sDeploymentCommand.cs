using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Generators;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;
using K8sPS.Nodes;
using k8s.Models;

namespace K8sPS.Workloads;

/// <summary>New-K8sDeployment: kubectl create deployment, with the same defaults.</summary>
[Cmdlet(VerbsCommon.New, "K8sDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(V1Deployment))]
public sealed class NewK8sDeploymentCommand : K8sCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>One container per image, named after the image.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Image { get; set; } = [];

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int Replicas { get; set; } = 1;

    /// <summary>The port the first container listens on (kubectl --port).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? Port { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>The pods' affinity (spec.template.spec.affinity): New-K8sAffinity output, or the same as a hashtable.</summary>
    [Parameter]
    [ValidateNotNull]
    public PSObject? Affinity { get; set; }

    /// <summary>Requests in flight at once for piped input.</summary>
    [Parameter]
    [ValidateRange(1, Throttle.MaxLimit)]
    public int ThrottleLimit { get; set; } = Throttle.DefaultLimit;

    protected override async Task ProcessRecordAsync()
    {
        // Pipeline-bound parameters are taken now: the next record rebinds them while this one is in flight.
        var (name, image, replicas, port) = (Name, Image, Replicas, Port);
        var ns = ResolveNamespace(Namespace);
        await StartItemAsync(name, async () =>
        {
            // Validated before ShouldProcess so -WhatIf also reports bad input.
            var body = DeploymentGenerator.Build(new DeploymentRequest(name, image, replicas, port));
            // kubectl create deployment has no affinity flag: without -Affinity the object stays kubectl's.
            if (Nodes.AffinityInput.From(Affinity) is { } affinity) body.Spec.Template.Spec.Affinity = affinity;
            if (!await ShouldProcessAsync($"deployment \"{name}\" in namespace \"{ns}\" ({string.Join(", ", image)})", "Create").ConfigureAwait(false))
                return;
            WriteObjectAsync(await DeploymentOperations.CreateAsync(Connection, ns, body, ct: CancellationToken).ConfigureAwait(false));
        }, "Deployment", name, ns).ConfigureAwait(false);
    }
}
