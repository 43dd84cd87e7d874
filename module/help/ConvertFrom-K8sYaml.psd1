@{
    Synopsis    = 'Reads Kubernetes YAML (or JSON) manifests into objects that remember their file and line.'
    Description = @'
Reads YAML text, or files (-Path: files, folders, wildcards, -Recurse), and writes one object per document, as ConvertFrom-Json writes objects: apiVersion, kind, metadata and the rest as properties, in the file's order. Scalars are read as kubectl reads them (YAML 1.1: yes/no/on/off are booleans, 010 is octal), so what you see is what kubectl would send.

Each object remembers its file, document index and line, and the line of every field, without an extra property (so ConvertTo-Json and kubectl never see one): the table view shows it in the Source column, and Test-K8sManifest and Set-K8sResource use it to point errors at lines.

Each document is parsed on its own: a syntax error (a tab used for indentation, bad indentation, an unclosed quote) is an error naming the file, line and column, and the other documents are still written. An empty file, a binary file or a file of comments only is an error. In folders, only .yaml, .yml and .json files are read (kubectl does the same); others are skipped with a verbose message.
'@
    Parameters  = @{
        Yaml        = 'YAML text. Lines piped one by one (Get-Content) are joined first, as ConvertFrom-Json does.'
        Path        = 'Manifest files or folders to read. Wildcards are allowed.'
        LiteralPath = 'Manifest files or folders to read, taken literally (no wildcards).'
        Recurse     = 'For folders, also reads the files of subfolders.'
    }
    Examples    = @(
        @{ Code = 'ConvertFrom-K8sYaml -Path ./services.yaml'; Remarks = 'One object per document, with the file and line each came from.' }
        @{ Code = 'Get-Content deploy.yaml | ConvertFrom-K8sYaml | ForEach-Object { $_.spec.replicas = 3; $_ } | Set-K8sResource'; Remarks = 'Edits a manifest in PowerShell and applies it; errors still point at deploy.yaml lines.' }
        @{ Code = 'ConvertFrom-K8sYaml -Path ./k8s -Recurse | Group-Object kind'; Remarks = 'What a folder of manifests holds, by kind.' }
    )
    Outputs     = 'PSCustomObject (type name K8sPS.Manifest), one per YAML document.'
    Links       = @('ConvertTo-K8sYaml', 'Test-K8sManifest', 'Set-K8sResource')
}
