<#
    The three documents that 1.20's server-side apply refuses or crashes on, applied by Set-K8sResource as kubectl
    applies them: a Service without protocol, a Pod with cpu: 0.5, an APIService. Each is applied, applied again
    unchanged, compared with kubectl's object and removed; -Verbose says what K8sPS did differently. And a file of five
    documents whose third the server refuses: the other four are applied, one error names the third's line.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Apply on a server whose server-side apply has defects' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:ns = New-TestNamespace -Prefix 'workaround-k8sps'
        $script:kubectlNs = New-TestNamespace -Prefix 'workaround-kubectl'
        $script:files = Join-Path $TestDrive 'files'
        $null = New-Item -ItemType Directory $files
        $suffix = [guid]::NewGuid().ToString('N').Substring(0, 5)
        $script:apiGroup = "wa$suffix.metrics.example.com"

        # A server object without what the server assigns or what only kubectl adds (its last-applied annotation).
        function script:Comparable([string] $Namespace, [string] $Target) {
            $o = Invoke-TestKubectl -n $Namespace get $Target -Json
            $annotations = $o['metadata']['annotations']
            if ($annotations) {
                $annotations.Remove('kubectl.kubernetes.io/last-applied-configuration')
                if ($annotations.Count -eq 0) { $o['metadata'].Remove('annotations') }
            }
            if ($o['kind'] -eq 'Pod') {
                $o['spec'].Remove('nodeName')
                foreach ($v in @($o['spec']['volumes'])) { if ($v -and $v['name'] -like 'default-token-*') { $v['name'] = 'default-token'; $v['secret']['secretName'] = 'default-token' } }
                foreach ($c in @($o['spec']['containers'])) { foreach ($m in @($c['volumeMounts'])) { if ($m -and $m['name'] -like 'default-token-*') { $m['name'] = 'default-token' } } }
            }
            $o | ConvertTo-ComparableJson
        }

        function script:Invoke-Apply([string] $Path, [string[]] $Extra = @()) {
            $errs = $null; $verbose = $null
            $results = @(Set-K8sResource -Path $Path -Namespace $ns -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1 | Tee-Object -Variable all | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] })
            [pscustomobject]@{
                Actions = @($results | ForEach-Object { $_.ToString() })
                Errors  = @($errs | ForEach-Object { $_.ToString() })
                Verbose = @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message)
            }
        }
    }

    AfterAll {
        $null = Invoke-TestKubectl delete apiservice "v1beta1.$apiGroup" "v1beta1.kubectl.$apiGroup" --ignore-not-found -AllowFailure
        Remove-TestNamespace $ns
        Remove-TestNamespace $kubectlNs
    }

    It 'applies a <What> as kubectl does, again unchanged, and removes it' -ForEach @(
        @{ What = 'Service without protocol'; File = 'service.yaml'; Target = 'service/web'; Note = 'protocol: TCP, the server''s default, set on spec.ports\[0\] \(line 9\), spec.ports\[1\] \(line 12\)'
            Yaml = "apiVersion: v1`nkind: Service`nmetadata:`n  name: web`nspec:`n  selector:`n    app: web`n  ports:`n  - name: http`n    port: 80`n    targetPort: 8080`n  - name: admin`n    port: 9090`n" }
        @{ What = 'Pod with cpu: 0.5'; File = 'pod.yaml'; Target = 'pod/half-cpu'; Note = 'spec.containers\[0\].resources.requests.cpu 0.5 as "0.5" \(line 12\)'
            Yaml = "apiVersion: v1`nkind: Pod`nmetadata:`n  name: half-cpu`nspec:`n  containers:`n  - name: app`n    image: registry.example.com/app:1.0`n    resources:`n      requests:`n        memory: 64Mi`n        cpu: 0.5`n      limits:`n        cpu: 1`n" }
        @{ What = 'APIService'; File = 'apiservice.yaml'; Target = 'apiservice.apiregistration.k8s.io/v1beta1.GROUP'; Note = 'created with a plain create \(POST\) instead of server-side apply'
            Yaml = "apiVersion: apiregistration.k8s.io/v1`nkind: APIService`nmetadata:`n  name: v1beta1.GROUP`nspec:`n  group: GROUP`n  version: v1beta1`n  groupPriorityMinimum: 100`n  versionPriority: 100`n  service:`n    name: metrics-absent`n    namespace: kube-system`n" }
    ) {
        $path = Join-Path $files $File
        Set-Content $path $Yaml.Replace('GROUP', $apiGroup) -NoNewline
        $target = $Target.Replace('GROUP', $apiGroup)
        try {
            $first = Invoke-Apply $path
            $first.Errors | Should -BeNullOrEmpty
            $first.Actions | Should -Be "$target created"
            ($first.Verbose -match $Note) | Should -HaveCount 1 -Because "-Verbose says what was done: $($first.Verbose -join ' | ')"

            $again = Invoke-Apply $path
            $again.Errors | Should -BeNullOrEmpty
            $again.Actions | Should -Be "$target unchanged"

            # kubectl's object, made from the same file (for the cluster-scoped APIService, under another name).
            $kubectlPath = Join-Path $files "kubectl-$File"
            Set-Content $kubectlPath $Yaml.Replace('GROUP', "kubectl.$apiGroup") -NoNewline
            $null = Invoke-TestKubectl -n $kubectlNs apply -f $kubectlPath
            (Comparable $kubectlNs $Target.Replace('GROUP', "kubectl.$apiGroup")).Replace("kubectl.$apiGroup", $apiGroup) | Should -Be (Comparable $ns $target)
            $null = Invoke-TestKubectl -n $kubectlNs delete -f $kubectlPath

            Remove-K8sResource -Path $path -Namespace $ns -ErrorAction Stop
            Wait-TestCondition -Because "$target is gone" -TimeoutSeconds 60 -Condition {
                (Invoke-TestKubectl -n $ns get $target --ignore-not-found -o name) -eq $null
            } | Out-Null
        }
        finally { $null = Invoke-TestKubectl -n $ns delete -f $path --ignore-not-found --wait=false -AllowFailure }
    }

    # The mistakes the notes' YAML makes, each in a file of its own (kubectl's client-side validation stops a whole file).
    It 'refuses what kubectl refuses (<What>), naming the file, line and field' -ForEach @(
        @{ What = 'a list item split in two'; Rule = 'K8S103'; Line = 11; Field = 'spec.containers\[0\].env\[1\]'; KubectlSays = 'env\[1\]\): missing required field "name"'
            Yaml = "apiVersion: v1`nkind: Pod`nmetadata:`n  name: split`nspec:`n  containers:`n  - name: app`n    image: nginx`n    env:`n    - name: A`n    - value: x`n" }
        @{ What = 'a comment where the value belongs'; Rule = 'K8S104'; Line = 12; Field = 'spec.volumes\[0\].awsElasticBlockStore.volumeID'; KubectlSays = 'missing required field "volumeID"'
            Yaml = "apiVersion: v1`nkind: Pod`nmetadata:`n  name: empty-value`nspec:`n  containers:`n  - name: app`n    image: nginx`n  volumes:`n  - name: v`n    awsElasticBlockStore:`n      volumeID: # the volume's id`n" }
        @{ What = 'a map where the list was left out'; Rule = 'K8S102'; Line = 10; Field = 'spec.template.spec.containers'; KubectlSays = 'got "map", expected "array"'
            Yaml = "apiVersion: apps/v1`nkind: Deployment`nmetadata:`n  name: map-for-list`nspec:`n  selector: {matchLabels: {a: b}}`n  template:`n    metadata: {labels: {a: b}}`n    spec:`n      containers:`n        # ... left out`n        name: x`n        image: nginx`n" }
        @{ What = 'a quoted number'; Rule = 'K8S102'; Line = 6; Field = 'spec.replicas'; KubectlSays = 'got "string", expected "integer"'
            Yaml = "apiVersion: apps/v1`nkind: Deployment`nmetadata:`n  name: quoted-number`nspec:`n  replicas: `"2`"`n  selector: {matchLabels: {a: b}}`n  template:`n    metadata: {labels: {a: b}}`n    spec:`n      containers:`n      - name: x`n        image: nginx`n" }
    ) {
        $path = Join-Path $files "mistake-$Rule-$Line.yaml"
        Set-Content $path $Yaml -NoNewline
        $kubectlOutput = Invoke-TestKubectl -n $kubectlNs apply --dry-run=server -f $path -AllowFailure
        "$kubectlOutput" | Should -Match $KubectlSays -Because 'kubectl refuses it too'
        $errs = $null
        $null = Set-K8sResource -Path $path -Namespace $ns -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -HaveCount 1
        "$($errs[0])" | Should -Match ([regex]::Escape("mistake-$Rule-$Line.yaml:$Line") + ": error $Rule .* $Field")
        "$($errs[0])" | Should -Not -Match 'stricter here than kubectl'
    }

    It 'applies four documents of five when the server refuses the third, with one error naming its line' {
        $path = Join-Path $files 'five.yaml'
        Set-Content $path @'
apiVersion: v1
kind: ConfigMap
metadata:
  name: five-first
---
apiVersion: v1
kind: Service
metadata:
  name: five-second
spec:
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: five-third
spec:
  selector:
    matchLabels: {app: five}
  template:
    metadata:
      labels: {app: not-five}
    spec:
      containers:
      - name: app
        image: registry.example.com/app:1.0
---
apiVersion: v1
kind: Pod
metadata:
  name: five-fourth
spec:
  containers:
  - name: app
    image: registry.example.com/app:1.0
    resources:
      limits: {cpu: 0.25}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: five-fifth
'@
        $r = Invoke-Apply $path
        $r.Actions | Sort-Object | Should -Be @('configmap/five-fifth created', 'configmap/five-first created', 'pod/five-fourth created', 'service/five-second created')
        $r.Errors | Should -HaveCount 1
        $r.Errors[0] | Should -Match ([regex]::Escape("five.yaml:14: Deployment/five-third"))
        $r.Errors[0] | Should -Match 'selector. does not match template .labels'
        Invoke-TestKubectl -n $ns get configmap/five-first service/five-second pod/five-fourth configmap/five-fifth -o name |
            Should -Be @('configmap/five-first', 'service/five-second', 'pod/five-fourth', 'configmap/five-fifth')
    }
}
