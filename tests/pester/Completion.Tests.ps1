<#
    Tab completion against the live cluster, through TabExpansion2 as the console uses it: contexts, namespaces,
    kinds by short name and plural, names that respect -Namespace and -Kind, label keys and values; and a context
    whose server hangs gives no completion, quickly, instead of hanging the prompt.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
    Import-K8sTestModule
    $script:cmdlets = Get-Command -Module K8sPS -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
}

Describe 'Tab completion' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:a = New-TestNamespace -Prefix 'tab-a'
        $script:b = New-TestNamespace -Prefix 'tab-b'
        $null = Invoke-TestKubectl -n $a create configmap alpha-one --from-literal=k=v
        $null = Invoke-TestKubectl -n $b create configmap alpha-two --from-literal=k=v
        $null = Invoke-TestKubectl -n $a create deployment web --image=nginx
        $null = Invoke-TestKubectl -n $a label deployment web tier=front

        # What Tab offers at the end of $line.
        function Get-CompletionNow([string] $Line) {
            @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
        }
        # The same, pressing Tab again while it offers nothing: the first Tab on a cold connection may come back
        # empty after its one-second budget while discovery loads; the next one answers from what it loaded.
        function Get-Completion([string] $Line) {
            $deadline = [DateTime]::UtcNow.AddSeconds(15)
            do {
                $got = Get-CompletionNow $Line
                if ($got.Count -gt 0) { return $got }
                Start-Sleep -Milliseconds 300
            } while ([DateTime]::UtcNow -lt $deadline)
            @()
        }
    }

    AfterAll {
        Remove-TestNamespace $script:a
        Remove-TestNamespace $script:b
    }

    It 'every parameter that names something on the cluster has a completer: <Name>' -ForEach $cmdlets {
        $wanted = 'Context', 'Namespace', 'Kind', 'Selector', 'Node', 'NodeName', 'Container', 'ToRevision', 'Revision'
        foreach ($p in (Get-Command $Name).Parameters.Values | Where-Object Name -In $wanted) {
            @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }).Count |
                Should -BeGreaterThan 0 -Because "-$($p.Name) of $Name names something on the cluster"
        }
    }

    It 'completes context names' {
        # A short context name (the test cluster may be called 'ux') is typed whole but its last letter.
        $typed = $env:K8SPS_TEST_CONTEXT.Substring(0, [Math]::Max(1, [Math]::Min(4, $env:K8SPS_TEST_CONTEXT.Length - 1)))
        Get-Completion "Get-K8sPod -Context $typed" | Should -Contain $env:K8SPS_TEST_CONTEXT
    }

    It 'completes namespaces from the cluster' {
        $got = Get-Completion 'Get-K8sPod -Namespace kube-'
        $got | Should -Contain 'kube-system'
        $got | Should -Contain 'kube-public'
        Get-Completion "Set-K8sResource -Path x.yaml -Namespace tab-a" | Should -Be @($a)
    }

    It 'completes kinds by plural and by kubectl''s short names' {
        Get-Completion 'Get-K8sResource deploy' | Should -Contain 'deployments'
        Get-Completion 'Get-K8sResource deploy' | Should -Contain 'deploy'
        Get-Completion 'Remove-K8sResource -Kind sv' | Should -Contain 'svc'
        Get-Completion 'Get-K8sResource configm' | Should -Be @('configmap', 'configmaps')
    }

    It 'completes names of the kind typed, in the namespace typed' {
        Get-Completion "Get-K8sResource cm -Namespace $a -Name alpha" | Should -Be @('alpha-one')
        Get-Completion "Get-K8sResource cm -Namespace $b -Name alpha" | Should -Be @('alpha-two')
        Get-Completion "Get-K8sDeployment -Namespace $a -Name w" | Should -Be @('web')
        Get-Completion "New-K8sService -Namespace $a -Deployment w" | Should -Be @('web')
    }

    It 'completes label keys and key=value pairs for -Selector' {
        $got = Get-Completion "Get-K8sResource deploy -Namespace $a -Selector ti"
        $got | Should -Contain 'tier'
        $got | Should -Contain 'tier=front'
        # In quotes (a selector with a comma must be one string), the term after the comma is completed.
        Get-Completion "Get-K8sResource deploy -Namespace $a -Selector 'app=web,ti" | Should -Contain "'app=web,tier=front'"
    }

    It 'completes node names for the node commands, and label keys of nodes for their -Selector' {
        $nodes = @(Get-K8sNode | ForEach-Object Name)
        $first = $nodes[0]
        Get-Completion "Clear-K8sNode -Name $($first.Substring(0, $first.Length - 1))" | Should -Contain $first
        Get-Completion 'Disable-K8sNodeScheduling ' | Sort-Object | Should -Be ($nodes | Sort-Object)
        Get-Completion 'Set-K8sNodeLabel -Selector kubernetes.io/hostn' | Should -Contain 'kubernetes.io/hostname'
    }

    It 'completes only the kinds a rollout command takes' {
        Get-Completion 'Restart-K8sRollout -Kind ' | Should -Be @('Deployment', 'StatefulSet', 'DaemonSet')
        Get-Completion 'Suspend-K8sRollout -Kind ' | Should -Be @('Deployment')
        Get-Completion 'Set-K8sImage -Kind j' | Should -Be @('Job')
        Get-Completion 'Set-K8sScale -Kind rep' | Should -Be @('ReplicaSet', 'ReplicationController')
    }

    It 'completes workload names, container names and revisions of the workload typed' {
        Get-Completion "Restart-K8sRollout -Namespace $a -Name w" | Should -Be @('web')
        Get-Completion "Set-K8sImage -Namespace $a -Name web -Image ngi" | Should -Be @('nginx')
        $null = Invoke-TestKubectl -n $a set image deployment/web nginx=nginx:1.25
        $null = Invoke-TestKubectl -n $a rollout status deployment/web --timeout=60s
        $revisions = Get-Completion "Undo-K8sRollout -Namespace $a -Name web -ToRevision "
        $revisions | Should -Contain '1'
        $revisions | Should -Contain '2'
        Get-Completion "Get-K8sRolloutHistory -Namespace $a -Name web -Revision 2" | Should -Be @('2')
        $pod = (Invoke-TestKubectl -n $a get pods -l app=web -o 'jsonpath={.items[0].metadata.name}')
        Get-Completion "Get-K8sPodEnvironment -Namespace $a -Name $pod -Container n" | Should -Be @('nginx')
    }

    It 'completes the names of local clusters' {
        $local = @(Get-K8sLocalCluster | ForEach-Object Name)
        if ($local.Count -eq 0) { Set-ItResult -Skipped -Because 'no local cluster in this K8SPS_HOME'; return }
        Get-Completion "Stop-K8sLocalCluster -Name $($local[0].Substring(0, 1))" | Should -Contain $local[0]
    }

    It 'gives nothing, within a second or so, for a context whose server does not answer' {
        Add-Type -Path (Join-Path $PSScriptRoot 'Connection/LoopbackFronts.cs') -ErrorAction SilentlyContinue
        $silent = [K8sPSTests.LoopbackFront]::Silent()
        $dead = Join-Path $TestDrive 'dead.kubeconfig'
        @"
apiVersion: v1
kind: Config
clusters:
- name: dead
  cluster: {server: "https://127.0.0.1:$($silent.Port)", insecure-skip-tls-verify: true}
users:
- name: dead
  user: {token: not-used}
contexts:
- name: dead
  context: {cluster: dead, user: dead}
current-context: dead
"@ | Set-Content -LiteralPath $dead
        $saved = $env:KUBECONFIG
        try {
            $env:KUBECONFIG = "$saved$([IO.Path]::PathSeparator)$dead"
            Get-Completion 'Get-K8sPod -Context de' | Should -Contain 'dead'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $got = Get-CompletionNow 'Get-K8sPod -Context dead -Namespace '
            $first = $clock.Elapsed
            $clock.Restart()
            $again = Get-CompletionNow 'Get-K8sPod -Context dead -Namespace '
            $second = $clock.Elapsed
        } finally {
            $env:KUBECONFIG = $saved
            $silent.Dispose()
        }
        $got | Should -BeNullOrEmpty
        $again | Should -BeNullOrEmpty
        Write-Host "completion against a hung server: $([int]$first.TotalMilliseconds) ms, then $([int]$second.TotalMilliseconds) ms (no second wait)"
        # The budget is 1 s; the bound leaves room for a loaded machine.
        $first.TotalSeconds | Should -BeLessThan 3
        $second.TotalSeconds | Should -BeLessThan 0.5
    }
}
