using System.Management.Automation;
using K8sPS.Engine.Manifests;
using K8sPS.Infrastructure;
using K8sPS.Objects;

namespace K8sPS.Manifests;

/// <summary>
/// <para type="synopsis">Reads Kubernetes YAML (or JSON) manifests into objects that remember their file and line.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "K8sYaml", DefaultParameterSetName = TextSet)]
[OutputType(typeof(PSObject))]
public sealed class ConvertFromK8sYamlCommand : PSCmdlet
{
    private const string TextSet = "Text";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private readonly List<string> _text = [];

    /// <summary>YAML text; lines piped one by one (Get-Content) are joined, as ConvertFrom-Json does.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = TextSet)]
    [AllowEmptyString]
    public string? Yaml { get; set; }

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Folders: read the files of subfolders too.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter Recurse { get; set; }

    // Reading files needs no cluster and no waiting: plain synchronous processing on the pipeline thread.
    protected override void ProcessRecord()
    {
        if (ParameterSetName == TextSet)
        {
            _text.Add(Yaml ?? "");
            return;
        }
        var literal = ParameterSetName == LiteralPathSet;
        var files = ManifestPaths.Resolve(this, literal ? LiteralPath : Path, literal, Recurse, WriteError, WriteVerbose);
        foreach (var doc in ManifestPaths.Read(files, WriteError, CancellationToken.None)) WriteObject(ManifestObjects.ToPSObject(doc));
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName != TextSet) return;
        var result = ManifestReader.Read(string.Join('\n', _text));
        ManifestPaths.WriteReadErrors(result, WriteError);
        foreach (var doc in result.Documents) WriteObject(ManifestObjects.ToPSObject(doc));
    }
}
