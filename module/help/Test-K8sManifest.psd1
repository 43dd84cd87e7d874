@{
    Synopsis    = 'Checks manifests for the mistakes kubectl misses or explains badly, with file, line, field and the likely fix.'
    Description = @'
Lints manifests offline, in milliseconds: every field is checked against the API types of KubernetesClient (by reflection over their JSON names, so unknown fields anywhere are found), required fields, value types, and the mistakes people really make. Each finding says where (file:line, object, field path), what, and how to fix it. Rules, with their IDs:

  K8S000  the YAML cannot be read (tabs, indentation, quotes), or the file is empty or binary
  K8S001  apiVersion, kind or metadata.name missing
  K8S002  the kind does not exist in that apiVersion, or was removed from Kubernetes (PodPreset in 1.20, extensions/v1beta1 ...)
  K8S101  unknown field, with where it belongs (nodeSelector at the top of a Deployment belongs in spec.template.spec)
  K8S102  value of the wrong type, e.g. a list elided with a comment leaving a map where a list belongs
  K8S103  one list item split in two by an extra '-' (an env name and its value)
  K8S104  required field missing or empty, e.g. a value left as only a comment
  K8S105  a key written twice in the same map (kubectl keeps the last value without a word; Set-K8sResource -SkipLint does the same)
  K8S201  '//' used as a comment inside a value (warning)
  K8S301  deprecated annotation, e.g. volume.beta.kubernetes.io/storage-class (warning)
  K8S302  image tag that looks like a typo of latest, such as lastest (warning)

With -Online or -Context, kinds and versions are checked against what the server serves (discovery), so custom resources are recognised. Set-K8sResource runs the same checks before applying: warnings are shown, errors stop that document.
'@
    Parameters  = @{
        Path        = 'Manifest files or folders to check. Wildcards are allowed.'
        LiteralPath = 'Manifest files or folders to check, taken literally (no wildcards).'
        Recurse     = 'For folders, also checks the files of subfolders.'
        InputObject = 'Objects to check: ConvertFrom-K8sYaml output (lines are kept), K8sPS objects, ConvertFrom-Json output.'
        Online      = 'Also checks kinds and API versions against the server of the current context.'
        Quiet       = 'Writes only $true (no errors) or $false.'
        Context     = 'Checks kinds and API versions against the server of this kubeconfig context (implies -Online).'
    }
    Examples    = @(
        @{ Code = 'Test-K8sManifest -Path ./k8s -Recurse'; Remarks = 'Every problem of a folder of manifests, as file:line messages.' }
        @{ Code = 'if (Test-K8sManifest -Path deploy.yaml -Quiet) { Set-K8sResource -Path deploy.yaml }'; Remarks = 'Applies only a manifest without errors.' }
        @{ Code = 'Test-K8sManifest -Path crd-objects.yaml -Online'; Remarks = 'Checks custom resources against the kinds the server serves.' }
    )
    Outputs     = 'K8sPS.Engine.Lint.ManifestIssue (RuleId, Severity, File, Line, Object, Path, Message, Fix), or System.Boolean with -Quiet.'
    Links       = @('Set-K8sResource', 'ConvertFrom-K8sYaml')
}
