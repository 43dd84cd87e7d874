using System.Management.Automation;
using K8sPS.Engine.Manifests;
using K8sPS.Infrastructure;
using K8sPS.Objects;

namespace K8sPS.Manifests;

/// <summary>
/// <para type="synopsis">Reads Kubernetes YAML (or JSON) manifests into objects that remember their file and line.</para>
/// </summary>
/// <remarks>
/// A manifest cmdlet like the others (the same -Path, -LiteralPath and -Recurse), but one that needs no cluster:
/// it hides the -Context parameter it would inherit.
/// </remarks>
[Cmdlet(VerbsData.ConvertFrom, "K8sYaml", DefaultParameterSetName = TextSet)]
[OutputType(typeof(PSObject))]
public sealed class ConvertFromK8sYamlCommand : ManifestCmdlet
{
    private const string TextSet = "Text";
    private readonly List<string> _text = [];

    /// <summary>YAML text; lines piped one by one (Get-Content) are joined, as ConvertFrom-Json does.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = TextSet)]
    [AllowEmptyString]
    public string? Yaml { get; set; }

    /// <summary>Not a parameter here: reading YAML talks to no cluster.</summary>
    public new string? Context => null;

    protected override async Task ProcessRecordAsync()
    {
        if (ParameterSetName == TextSet)
        {
            _text.Add(Yaml ?? "");
            return;
        }
        foreach (var doc in await ReadInputFilesAsync().ConfigureAwait(false)) Write(doc);
    }

    protected override Task EndProcessingAsync()
    {
        if (ParameterSetName != TextSet) return Task.CompletedTask;
        var result = ManifestReader.Read(string.Join('\n', _text));
        ManifestPaths.WriteReadErrors(result, WriteErrorAsync);
        foreach (var doc in result.Documents) Write(doc);
        return Task.CompletedTask;
    }

    /// <summary>The document as an object; a key written twice keeps its last value, as in kubectl, with a warning.</summary>
    private void Write(ManifestDocument doc)
    {
        foreach (var d in doc.DuplicateKeys)
            WriteWarningAsync($"{doc.Source.File ?? "<text>"}:{d.Line}: '{d.Path}' is written twice in the same map (lines {d.FirstLine} and {d.Line}): the last value is kept, as kubectl keeps it.");
        WriteObjectAsync(ManifestObjects.ToPSObject(doc));
    }
}
