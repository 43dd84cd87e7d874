using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;
using K8sPS.Infrastructure;

namespace K8sPS.Config;

/// <summary>
/// Use-K8sContext: kubectl config use-context NAME, and kubectl config set-context --current
/// --namespace NS. Only those keys change in the kubeconfig; the rest of the file stays byte for byte.
/// </summary>
[Cmdlet(VerbsOther.Use, "K8sContext", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = NamespaceOnlySet)]
[OutputType(typeof(KubeContextInfo))]
public sealed class UseK8sContextCommand : PSCmdlet
{
    private const string ContextSet = "Context";
    private const string NamespaceOnlySet = "NamespaceOnly";

    /// <summary>The context to make current.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ContextSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ContextNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The namespace the context (the named one, else the current one) uses by default.</summary>
    [Parameter(ParameterSetName = ContextSet)]
    [Parameter(Mandatory = true, ParameterSetName = NamespaceOnlySet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Write the resulting context.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var config = KubeConfigLoader.Load();
            var context = ParameterSetName == ContextSet ? config.GetContext(Name) : config.GetContext();
            if (ParameterSetName == ContextSet && !context.IsCurrent
                && ShouldProcess(config.CurrentContextTarget, $"Set current-context to \"{context.Name}\""))
            {
                KubeConfigEditor.SetCurrentContext(config, context.Name);
            }
            if (Namespace is not null && Namespace != context.Namespace
                && ShouldProcess(config.SourceOf(context.Name) ?? config.Files[0], $"Set the namespace of context \"{context.Name}\" to \"{Namespace}\""))
            {
                KubeConfigEditor.SetNamespace(config, context.Name, Namespace);
            }
            if (PassThru) WriteObject(KubeConfigLoader.Load().GetContext(context.Name));
        }
        catch (Exception e) when (e is K8sException or IOException or UnauthorizedAccessException)
        {
            WriteError(K8sErrorRecords.From(e, ParameterSetName == ContextSet ? Name : Namespace));
        }
    }
}
