using System.Management.Automation;
using System.Text.Json.Nodes;
using K8sPS.Engine.Manifests;

namespace K8sPS.Manifests;

/// <summary>
/// <para type="synopsis">Writes objects as JSON exactly as `kubectl get -o json` prints them.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "K8sJson")]
[OutputType(typeof(string))]
public sealed class ConvertToK8sJsonCommand : ConvertToK8sTextCmdlet
{
    protected override string Render(JsonNode? content) => KubeFormat.ToJson(content);
}
