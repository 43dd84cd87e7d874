using System.Management.Automation;
using System.Text.Json.Nodes;
using K8sPS.Engine.Manifests;

namespace K8sPS.Manifests;

/// <summary>
/// <para type="synopsis">Writes objects as YAML exactly as `kubectl get -o yaml` prints them.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "K8sYaml")]
[OutputType(typeof(string))]
public sealed class ConvertToK8sYamlCommand : ConvertToK8sTextCmdlet
{
    protected override string Render(JsonNode? content) => KubeFormat.ToYaml(content);
}
