using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;
using K8sPS.Infrastructure;

namespace K8sPS.Config;

/// <summary>Get-K8sContext: kubectl config get-contexts (and current-context with -Current).</summary>
[Cmdlet(VerbsCommon.Get, "K8sContext", DefaultParameterSetName = AllSet)]
[OutputType(typeof(KubeContextInfo))]
public sealed class GetK8sContextCommand : PSCmdlet
{
    private const string AllSet = "All";
    private const string CurrentSet = "Current";

    [Parameter(Position = 0, ParameterSetName = AllSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ContextNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Only the current context.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CurrentSet)]
    public SwitchParameter Current { get; set; }

    protected override void ProcessRecord()
    {
        KubeConfigSet config;
        try
        {
            config = KubeConfigLoader.Load();
        }
        catch (K8sException e)
        {
            ThrowTerminatingError(K8sErrorRecords.From(e, null));
            return;
        }
        if (Current)
        {
            try { WriteObject(config.GetContext()); }
            catch (K8sException e) { WriteError(K8sErrorRecords.From(e, config.CurrentContext)); }
            return;
        }
        if (Name is null)
        {
            foreach (var c in config.Contexts) WriteObject(c);
            return;
        }
        foreach (var name in Name)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var matches = config.Contexts.Where(c => pattern.IsMatch(c.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                try { config.GetContext(name); }
                catch (K8sException e) { WriteError(K8sErrorRecords.From(e, name)); }
            }
            foreach (var c in matches) WriteObject(c);
        }
    }
}
