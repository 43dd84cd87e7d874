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
        Get-Completion "Get-K8sPod -Context $($env:K8SPS_TEST_CONTEXT.Substring(0, 4))" | Should -Contain $env:K8SPS_TEST_CONTEXT
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
