<#
    Every example in the help of every exported command runs against the local test cluster without an error.

    Each example runs on its own: a fresh throwaway namespace that is the current context's namespace (a copy of
    the test kubeconfig, which also has the contexts the examples name: k8sps-demo, prod), a fresh working folder
    with the files the examples read (HelpExamples/files), and the objects its remarks ask for with
    "Needs: kind/name, ..." applied first from HelpExamples/objects.yaml. What the examples call the notes' minikube
    nodes (minikube, minikube-m02, ...) are the test cluster's nodes of the same number, and the namespaces they
    name (prod, shop, staging, dev) are the example's own. Node changes are undone after each example.

    Examples that would harm the machine or the cluster, or wait for a person, are in $Rules below: run with
    -WhatIf (WhatIf) or not run (Skip), each with its reason. Nothing else is left out.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
    Import-K8sTestModule

    # The one list of examples not run as written: 'Command#N' (N counts from 1) -> reason.
    $Rules = @{
        WhatIf = @{
            'Clear-K8sNode#1'          = 'drains a node of the shared test cluster: its pods in every namespace would be evicted'
            'Clear-K8sNode#2'          = 'drains a node of the shared test cluster'
            'Clear-K8sNode#4'          = 'drains a node of the shared test cluster'
            'Start-K8sLocalCluster#1'  = 'would start a second local cluster'
            'Start-K8sLocalCluster#3'  = 'would start a second local cluster'
            'New-K8sTestCluster#1'     = 'would start a second local cluster'
            'Remove-K8sTestCluster#1'  = 'would start a second local cluster'
        }
        Skip   = @{
            'Start-K8sLocalCluster#2'  = 'starts a second local cluster and reads its state (with -WhatIf there is none to read)'
            'Edit-K8sResource#2'       = 'starts Visual Studio Code and waits for a person to close it'
            'Get-K8sEvent#4'           = 'watches until Ctrl+C'
            'Get-K8sServiceUrl#2'      = 'dials the service: nothing answers on a simulated node'
            'New-K8sSecret#3'          = 'reads the user''s own SSH private key'
            'New-K8sSecret#5'          = 'reads the user''s own SSH private key'
            'New-K8sSecret#6'          = 'prompts for a password (Read-Host)'
            'New-K8sSecret#7'          = 'prompts for a credential (Get-Credential)'
            'Remove-K8sPod#4'          = 'asks for confirmation of each pod (-Confirm)'
            'Set-K8sResource#4'        = 'would install metrics-server over the local cluster''s own metrics API'
            'Stop-K8sLocalCluster#1'   = 'stops the default local cluster k8sps, which the tests do not run (-WhatIf still needs it to exist)'
            'Stop-K8sLocalCluster#2'   = 'stops the cluster ci of Start-K8sLocalCluster''s third example, which the test starts only with -WhatIf'
            'Register-K8sShouldOperator#2' = 'imports Pester by name: the test runs inside Pester, loaded from its own folder'
            'Get-K8sPodLog#1'          = "names a pod by a Deployment's generated name that no throwaway namespace has; PodLog.Tests runs each form beside kubectl logs"
            'Get-K8sPodLog#2'          = "names a pod by a Deployment's generated name that no throwaway namespace has; PodLog.Tests runs each form beside kubectl logs"
            'Get-K8sPodLog#3'          = "names a pod by a Deployment's generated name that no throwaway namespace has; PodLog.Tests runs each form beside kubectl logs"
            'Invoke-K8sLocalClusterFault#1' = 'faults the local cluster dev, which the tests do not run (and would kill the shared test cluster''s parts); Faults.Tests runs each action on a cluster of its own'
            'Invoke-K8sLocalClusterFault#2' = 'faults the local cluster dev, which the tests do not run (and would kill the shared test cluster''s parts); Faults.Tests runs each action on a cluster of its own'
            'Invoke-K8sLocalClusterFault#3' = 'faults the local cluster dev, which the tests do not run (and would kill the shared test cluster''s parts); Faults.Tests runs each action on a cluster of its own'
            'Invoke-K8sLocalClusterFault#4' = 'faults the local cluster dev, which the tests do not run (and would kill the shared test cluster''s parts); Faults.Tests runs each action on a cluster of its own'
        }
    }

    $commands = @(Get-Command -Module K8sPS -CommandType Cmdlet, Function | Sort-Object Name)
    $script:examples = foreach ($command in $commands) {
        $n = 0
        foreach ($example in @((Get-Help $command.Name -Full).Examples.Example)) {
            if (-not $example) { continue }
            $n++
            $id = "$($command.Name)#$n"
            $remarks = ($example.Remarks | Out-String).Trim()
            $needs = if ($remarks -match 'Needs:\s*(.+?)\.\s*$') { @($Matches[1] -split '\s*,\s*' | Where-Object { $_ }) } else { @() }
            @{
                Id = $id; Command = $command.Name; Code = ($example.Code | Out-String).Trim(); Needs = $needs
                WhatIf = $Rules.WhatIf[$id]; Skip = $Rules.Skip[$id]
            }
        }
    }
}

Describe 'Help examples' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:objects = @(ConvertFrom-K8sYaml -Path (Join-Path $PSScriptRoot 'HelpExamples/objects.yaml'))
        $script:files = Join-Path $PSScriptRoot 'HelpExamples/files'
        $script:cluster = $env:K8SPS_TEST_CONTEXT
        $script:nodes = @(Invoke-TestKubectl get nodes -o 'jsonpath={.items[*].metadata.name}') -split ' '
        $script:kubeconfigTemplate = (& kubectl config view --kubeconfig $env:K8SPS_TEST_KUBECONFIG --raw -o json) -join "`n"
        # `Import-Module K8sPS` in an example finds the module under test.
        $script:savedModulePath = $env:PSModulePath
        $env:PSModulePath = (Split-Path (Split-Path $env:K8SPS_TEST_MODULE)) + [IO.Path]::PathSeparator + $env:PSModulePath
        # Edit-K8sResource without -ScriptBlock starts the editor: one that leaves the file as it is.
        $script:savedEditor = $env:KUBE_EDITOR
        $env:KUBE_EDITOR = 'true'

        function Set-ExampleStage([string] $Namespace, [string[]] $Needs, [string] $Folder) {
            $null = New-Item -ItemType Directory -Path $Folder
            Copy-Item (Join-Path $files '*') $Folder -Recurse
            # The test kubeconfig, its context's namespace the example's, plus the contexts the examples name.
            $config = $kubeconfigTemplate | ConvertFrom-Json
            $ctx = $config.contexts | Where-Object name -EQ $cluster
            $ctx.context | Add-Member -Force namespace $Namespace
            foreach ($extra in 'k8sps-demo', 'prod') {
                $config.contexts += [pscustomobject]@{ name = $extra; context = [pscustomobject]@{ cluster = $ctx.context.cluster; user = $ctx.context.user; namespace = $Namespace } }
            }
            $kubeconfig = Join-Path $Folder '.kubeconfig'
            $config | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath $kubeconfig
            foreach ($need in $Needs) {
                $kind, $name = $need -split '/', 2
                if ($kind -eq 'manifest') { $null = Invoke-TestKubectl apply -n $Namespace -R -f (Join-Path $Folder $name); continue }
                $docs = @($objects | Where-Object { $_.kind -eq $kind -and $_.metadata.name -eq $name })
                if ($docs.Count -eq 0) { throw "HelpExamples/objects.yaml has no $need, which an example needs" }
                foreach ($doc in $docs) {
                    $path = Join-Path $Folder ".need-$kind-$name.yaml"
                    $doc | ConvertTo-K8sYaml | Set-Content -LiteralPath $path
                    $null = Invoke-TestKubectl apply -n $Namespace -f $path
                    if ($kind -in 'Deployment', 'StatefulSet') { $null = Invoke-TestKubectl rollout status -n $Namespace "$($kind.ToLowerInvariant())/$name" --timeout=90s }
                    if ($kind -eq 'Pod') { $null = Invoke-TestKubectl wait -n $Namespace "pod/$name" --for=condition=Ready --timeout=60s }
                    if ($kind -eq 'Job') { $null = Invoke-TestKubectl wait -n $Namespace "job/$name" --for=condition=Complete --timeout=60s }
                }
            }
            # A rollout is complete while the old ReplicaSet's pods are still Terminating (deployment/web is applied
            # twice, for a history of two revisions): the example starts once they are gone, or it would list them.
            if ($Needs -match '^(deployment|statefulset|manifest)/') {
                $null = Wait-TestCondition -TimeoutSeconds 60 -IntervalSeconds 0.2 -Because "the pods of namespace $Namespace to finish terminating" -Condition {
                    -not @((Invoke-TestKubectl get pods -n $Namespace -Json).items | Where-Object { $_.metadata.deletionTimestamp })
                } -LastSeen { Invoke-TestKubectl get pods -n $Namespace | Out-String }
            }
            $kubeconfig
        }

        # The example as the test runs it: the notes' node names are the test cluster's, named namespaces its own.
        function ConvertTo-RunnableCode([string] $Code, [string] $Namespace) {
            $Code = [regex]::Replace($Code, '\bminikube(-m0(\d))?\b', {
                    param($m) if ($m.Groups[2].Success) { $nodes[[int]$m.Groups[2].Value - 1] } else { $nodes[0] } })
            [regex]::Replace($Code, '-Namespace (prod|shop|staging|dev)\b', "-Namespace $Namespace")
        }

        # Puts back what node examples change: cordons, their labels and taints.
        function Reset-Nodes {
            foreach ($node in (Invoke-TestKubectl get nodes -Json).items) {
                $name = $node.metadata.name
                if ($node.spec.unschedulable) { $null = Invoke-TestKubectl uncordon $name }
                foreach ($label in 'hardware', 'tier', 'disktype' | Where-Object { $node.metadata.labels.ContainsKey($_) }) {
                    $null = Invoke-TestKubectl label node $name "$label-"
                }
                foreach ($taint in @($node.spec.taints | Where-Object { $_ -and $_.key -in 'dedicated', 'slow' })) {
                    $null = Invoke-TestKubectl taint node $name "$($taint.key):$($taint.effect)-"
                }
            }
        }
    }

    AfterAll {
        $env:PSModulePath = $script:savedModulePath
        $env:KUBE_EDITOR = $script:savedEditor
        Reset-Nodes
    }

    It '<Id> runs: <Code>' -ForEach $examples {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $ns = New-TestNamespace -Prefix 'help'
        $folder = Join-Path $TestDrive ($Id -replace '[^\w]', '-')
        $savedKubeconfig = $env:KUBECONFIG
        try {
            $kubeconfig = Set-ExampleStage -Namespace $ns -Needs $Needs -Folder $folder
            $env:KUBECONFIG = $kubeconfig
            $runnable = ConvertTo-RunnableCode $Code $ns
            $preamble = "`$ErrorActionPreference = 'Stop'; `$ConfirmPreference = 'None'; `$WhatIfPreference = `$$([bool]$WhatIf)`n"
            Push-Location $folder
            try {
                $output = & ([scriptblock]::Create($preamble + $runnable)) | Out-String -Width 200
            } catch {
                # A failure in CI says what the cluster did meanwhile: the namespace's events and pods, and the nodes.
                $seen = foreach ($what in @('get', 'events', '-n', $ns, '--sort-by=.lastTimestamp'), @('get', 'pods', '-n', $ns, '-o', 'wide'), @('get', 'nodes')) {
                    "kubectl $($what -join ' '):"; Invoke-TestKubectl @what -AllowFailure | Out-String -Width 200
                }
                throw "$_`n$($seen -join "`n")"
            } finally {
                Pop-Location
            }
            Write-Verbose $output
        } finally {
            $env:KUBECONFIG = $savedKubeconfig
            if ($Command -like '*Node*' -or $Code -match 'Node') { Reset-Nodes }
            Remove-TestNamespace $ns
        }
    }
}
