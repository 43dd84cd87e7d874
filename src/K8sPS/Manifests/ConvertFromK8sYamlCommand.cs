using System.Management.Automation;
using K8sPS.Engine.Manifests;
using K8sPS.Infrastructure;

namespace K8sPS.Manifests;

/// <summary>
/// <para type="synopsis">Reads Kubernetes YAML (or JSON) manifests into objects that remember their file and line.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "K8sYaml", DefaultParameterSetName = TextSet)]
[OutputType(typeof(PSObject))]
public sealed class ConvertFromK8sYamlCommand : ManifestCmdlet
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

    protected override async Task ProcessRecordAsync()
    {
        if (ParameterSetName == TextSet)
        {
            _text.Add(Yaml ?? "");
            return;
        }
        var literal = ParameterSetName == LiteralPathSet;
        var files = await ResolveFilesAsync(literal ? LiteralPath : Path, literal, Recurse).ConfigureAwait(false);
        foreach (var doc in ReadFiles(files)) WriteObjectAsync(ManifestObjects.ToPSObject(doc));
    }

    protected override Task EndProcessingAsync()
    {
        if (ParameterSetName != TextSet) return Task.CompletedTask;
        var result = ManifestReader.Read(string.Join('\n', _text));
        WriteReadErrors(result);
        foreach (var doc in result.Documents) WriteObjectAsync(ManifestObjects.ToPSObject(doc));
        return Task.CompletedTask;
    }
}
