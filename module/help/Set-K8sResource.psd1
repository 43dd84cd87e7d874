@{
    Synopsis    = 'Applies manifests as kubectl apply does: creates what is missing, updates what differs, says which.'
    Description = @'
Set is PowerShell's verb for "make it so, creating it if needed", which is exactly what kubectl apply means; a kubectl user will type Apply-K8sManifest (or Apply-K8sResource), which are aliases of this cmdlet.

Applies every document of -Path (files, folders, wildcards, -Recurse, several at once) or every object piped in (K8sPS objects, ConvertFrom-K8sYaml output, `kubectl get -o json | ConvertFrom-Json` output), of any kind the server serves: kinds come from the server's discovery, so custom resources work, and cluster-scoped kinds take no namespace. The namespace is the document's, else -Namespace, else the context's; a document naming another namespace than -Namespace is an error, as in kubectl.

Uses server-side apply with the field manager k8sps; a field another manager owns is a conflict unless -Force takes it over. Namespaces and CustomResourceDefinitions are applied first, then the rest, 16 requests in flight by default. Each document is first checked as Test-K8sManifest checks it: warnings are shown, an error stops that document. One bad document does not stop the others: its failure is an error naming the file, line, kind/name and the server's causes, each with the line of its field.

Works around what server-side apply gets wrong on the server it talks to (chosen from its version), so that what kubectl apply accepts is applied into the same object: a Service port without protocol gets TCP (before 1.20.6/1.21), a quantity written as a number (cpu: 0.5) is sent as its text, an APIService is created or merged instead of server-side applied where that makes the apiserver panic (before 1.20.6/1.21), an aggregated ClusterRole goes without the rules its controller owns. -Verbose says, per document, what was done. A request the server drops (it closed the connection while handling it) fails that document only; a server that cannot be reached at all (no connection, TLS, credentials refused) ends the command with one error.

Where K8sPS is stricter than kubectl on purpose (a key written twice in one map, which kubectl silently reads as its last value), the error says so and what kubectl would do; -SkipLint sends the document as kubectl would.

Writes one result per object, as kubectl prints them: deployment.apps/web created, configured or unchanged. Unchanged means nothing you would see changed (re-applying what Get-K8sDeployment | ConvertTo-K8sYaml wrote is unchanged, even though k8sps then co-owns the fields). -WhatIf runs a server dry run and says for each object whether it would be created, configured or unchanged; nothing is written.
'@
    Parameters  = @{
        Path          = 'Manifest files or folders to apply. Wildcards are allowed; folders give their .yaml, .yml and .json files.'
        LiteralPath   = 'Manifest files or folders to apply, taken literally (no wildcards).'
        Recurse       = 'For folders, also applies the files of subfolders.'
        InputObject   = 'Objects to apply: K8sPS objects, ConvertFrom-K8sYaml output, `kubectl get -o json | ConvertFrom-Json` output.'
        Namespace     = 'Namespace for documents that name none. Default: the context''s namespace.'
        Force         = 'Takes over fields another field manager owns instead of failing with a conflict (server-side apply force).'
        FieldManager  = 'The server-side apply field manager. Default: k8sps.'
        ThrottleLimit = 'How many requests are in flight at once. Default: 16.'
        SkipLint      = 'Sends the documents without K8sPS''s checks (the server still validates them), as kubectl would: for a field the client''s API types do not know (one removed in a newer Kubernetes version that an older server still serves), or a key written twice, of which kubectl keeps the last value.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Set-K8sResource -Path ./k8s -Recurse'; Remarks = 'kubectl apply -R -f ./k8s' }
        @{ Code = 'Apply-K8sManifest -Path users-deployment.yaml, auth-deployment.yaml -Namespace dev'; Remarks = 'kubectl apply -f users-deployment.yaml -f auth-deployment.yaml -n dev' }
        @{ Code = 'Set-K8sResource -Path deploy.yaml -WhatIf'; Remarks = 'Server dry run: what would be created or changed.' }
        @{ Code = 'Set-K8sResource -Path metrics-server.yaml -Verbose'; Remarks = 'Also says what was done differently for this server (a protocol filled in, a quantity sent as text, an APIService created without server-side apply).' }
        @{ Code = 'kubectl get deploy web -o json | ConvertFrom-Json | Set-K8sResource -Namespace staging'; Remarks = 'Copies a deployment to another namespace.' }
    )
    Outputs     = 'K8sPS.Engine.Apply.ApplyResult: Target (deployment.apps/web), Action (Created, Configured, Unchanged), Namespace, Object (as the server returned it), Document (file and line).'
    Links       = @('Test-K8sManifest', 'Remove-K8sResource', 'Get-K8sResource', 'kubectl apply')
}
