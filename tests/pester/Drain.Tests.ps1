<#
    Drain (issue 11): Clear-K8sNode drains a node as kubectl drain does. On the last node of the test cluster a
    deployment `web` (2 replicas) protected by a PodDisruptionBudget (minAvailable 1), an unprotected deployment
    `free` and a DaemonSet `agent`, all pinned to that node by a label and marked with a per-run pod label, so the
    drain touches only this scenario's pods (-PodSelector). What a user checks: a DaemonSet pod refuses the drain
    with the switch named (kubectl says the same); the drain goes only as far as the budget allows and says which
    pod it waits for, until -TimeoutSeconds; the node stays cordoned; uncordon brings the pods back onto it.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Drain: a PodDisruptionBudget holds the drain back, uncordon brings the node back' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'seed/ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'seed/NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'drain'
        $script:run = $ns.Substring($ns.Length - 6)
        $script:node = @((Invoke-TestKubectl get nodes -Json)['items'] | ForEach-Object { $_['metadata']['name'] } | Sort-Object)[-1]
        $script:pods = "drain-run=$run"
        Set-K8sNodeLabel $node @{ 'drain-test' = $run } -ErrorAction Stop
        $pinned = "nodeSelector: {drain-test: '$run'}"
        $yaml = @"
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, drain-run: '$run'}}
    spec:
      $pinned
      containers: [{name: web, image: nginx}]
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: web}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: free}
spec:
  replicas: 1
  selector: {matchLabels: {app: free}}
  template:
    metadata: {labels: {app: free, drain-run: '$run'}}
    spec:
      $pinned
      containers: [{name: free, image: nginx}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent, drain-run: '$run'}}
    spec:
      $pinned
      containers: [{name: agent, image: busybox}]
"@
        $script:file = Join-Path $TestDrive 'drain.yaml'
        Set-Content -LiteralPath $file -Value $yaml
        Set-K8sResource -Path $file -Namespace $ns -ErrorAction Stop | Out-Null
        $null = Wait-PodsReady $ns 'app=web' -Count 2
        $null = Wait-PodsReady $ns 'app=free' -Count 1
        $null = Wait-PodsReady $ns 'app=agent' -Count 1
        $null = Wait-TestCondition -Because 'the budget to allow one disruption' -Condition {
            (Invoke-TestKubectl -n $ns get pdb web -Json)['status']['disruptionsAllowed'] -eq 1
        }
        function script:Get-PodNames([string] $Selector) { @(Get-TestPods $ns $Selector | Where-Object { $_['spec']['nodeName'] -eq $node -and -not $_['metadata']['deletionTimestamp'] } | ForEach-Object { $_['metadata']['name'] } | Sort-Object) }
        $script:webBefore = Get-PodNames 'app=web'
    }

    AfterAll {
        $null = Invoke-TestKubectl uncordon $script:node -AllowFailure
        $null = Invoke-TestKubectl label node $script:node drain-test- -AllowFailure
        Remove-TestNamespace $script:ns
    }

    It 'every pod of the scenario runs on the node' {
        $webBefore | Should -HaveCount 2
        Get-PodNames 'app=free' | Should -HaveCount 1
        Get-PodNames 'app=agent' | Should -HaveCount 1
    }

    It '-WhatIf names the pods it would evict and changes nothing' {
        $text = Get-K8sCommandText { Clear-K8sNode $node -PodSelector $pods -IgnoreDaemonSets -WhatIf }
        foreach ($p in $webBefore + (Get-PodNames 'app=free')) { $text | Should -Match ([regex]::Escape("pod $ns/$p")) }
        $text | Should -Not -Match ([regex]::Escape("pod $ns/$(Get-PodNames 'app=agent')"))
        (Invoke-TestKubectl get node $node -Json)['spec']['unschedulable'] | Should -BeNullOrEmpty
        Get-PodNames 'app=web' | Should -Be $webBefore
    }

    It 'a DaemonSet pod refuses the drain, naming -IgnoreDaemonSets as kubectl names --ignore-daemonsets, and nothing is evicted' {
        Clear-K8sNode $node -PodSelector $pods -ErrorAction SilentlyContinue -ErrorVariable e
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -Match '^DrainRefused'
        $agent = Get-PodNames 'app=agent'
        "$e" | Should -Match ([regex]::Escape("cannot delete DaemonSet-managed Pods (use -IgnoreDaemonSets to ignore): $ns/$agent"))
        $kubectl = "$(Invoke-TestKubectl drain $node --pod-selector $pods --dry-run=client -AllowFailure)"
        $kubectl | Should -Match ([regex]::Escape("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): $ns/$agent"))
        Get-PodNames 'app=web' | Should -Be $webBefore
        Get-PodNames 'app=free' | Should -HaveCount 1
        # as kubectl drain does, the node stays cordoned
        (Get-K8sNode $node).State | Should -Be 'Ready,SchedulingDisabled'
    }

    It 'drains only as far as the budget allows, says which pod it waits for, and stops at -TimeoutSeconds' {
        $free = Get-PodNames 'app=free'
        $result = Clear-K8sNode $node -PodSelector $pods -IgnoreDaemonSets -TimeoutSeconds 20 -ErrorAction SilentlyContinue -ErrorVariable e -WarningVariable w -WarningAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -Match '^DrainTimeout'
        $e[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        # one web pod was evicted (the budget allowed one), the other is held back
        $left = Get-PodNames 'app=web' | Where-Object { $_ -in $webBefore }
        $left | Should -HaveCount 1
        "$e" | Should -Match ([regex]::Escape("1 of 3 pod(s) still there ($ns/$left)"))
        "$e" | Should -Match "The disruption budget web needs 1 healthy pods and has 1 currently"
        "$w" | Should -Match ([regex]::Escape("ignoring DaemonSet-managed Pods: $ns/$(Get-PodNames 'app=agent')"))
        $waiting = @($w | Where-Object { "$_" -like "waiting for pod $ns/$left*" })
        $waiting.Count | Should -BeGreaterThan 0
        "$($waiting[0])" | Should -Match "Cannot evict pod as it would violate the pod's disruption budget. The disruption budget web needs 1 healthy pods"
        # the unprotected pod went; the DaemonSet pod stayed; their replacements cannot come back to a cordoned node
        Get-PodNames 'app=free' | Where-Object { $_ -in $free } | Should -BeNullOrEmpty
        Get-PodNames 'app=agent' | Should -HaveCount 1
        $stuck = Wait-Unschedulable $ns 'app=web'
        $stuck.Condition['message'] | Should -Match 'unschedulable|didn''t match node selector'
        (Get-K8sNode $node).Unschedulable | Should -BeTrue
    }

    It 'uncordon (Enable-K8sNodeScheduling) brings the pods back onto the node' {
        Enable-K8sNodeScheduling $node -ErrorAction Stop
        (Get-K8sNode $node).State | Should -Be 'Ready'
        $null = Wait-PodsReady $ns 'app=web' -Count 2
        $null = Wait-PodsReady $ns 'app=free' -Count 1
        Get-PodNames 'app=web' | Should -HaveCount 2
        Get-PodNames 'app=free' | Should -HaveCount 1
        $null = Wait-TestCondition -Because 'the budget to allow one disruption again' -Condition {
            (Invoke-TestKubectl -n $ns get pdb web -Json)['status']['disruptionsAllowed'] -eq 1
        }
    }

    It 'a drain the budget allows completes: with a replacement elsewhere, every pod goes and the result lists them' {
        # Let web's pods run anywhere: each eviction then gets a replacement on another node, so the budget allows the
        # next. (free and agent stay pinned: free is evicted, agent ignored.)
        $patch = '{"spec":{"template":{"spec":{"nodeSelector":null}}}}'
        $null = Invoke-TestKubectl -n $ns patch deployment web --type strategic -p $patch
        $null = Wait-TestCondition -Because 'the web rollout to finish' -Condition {
            $d = Invoke-TestKubectl -n $ns get deployment web -Json
            $d['status']['updatedReplicas'] -eq 2 -and $d['status']['readyReplicas'] -eq 2 -and $d['status']['replicas'] -eq 2
        }
        $onNode = @(Get-PodNames 'app=web') + @(Get-PodNames 'app=free')
        $result = Clear-K8sNode $node -PodSelector $pods -IgnoreDaemonSets -TimeoutSeconds 90 -ErrorAction Stop -WarningAction SilentlyContinue
        @($result.Evicted | Sort-Object) | Should -Be @($onNode | ForEach-Object { "$ns/$_" } | Sort-Object)
        $result.Ignored | Should -Be "$ns/$(Get-PodNames 'app=agent')"
        $result.Warnings | Should -Match 'ignoring DaemonSet-managed Pods'
        Get-PodNames 'app=web' | Should -BeNullOrEmpty
        $null = Wait-PodsReady $ns 'app=web' -Count 2
        Enable-K8sNodeScheduling $node -ErrorAction Stop
    }
}
