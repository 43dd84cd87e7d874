# The local cluster cmdlets, end to end through the built module: the test cluster build.ps1 started
# (K8SPS_TEST_CONTEXT), a second small cluster started and removed here, and the bad cases.
BeforeAll {
    $ErrorActionPreference = 'Stop'
    # The scenarios' safety catch (TestHelpers.psm1: only the test cluster's kubeconfig and context) when
    # it is there; this file itself only reads the test cluster and starts clusters of its own.
    $helpers = Join-Path $PSScriptRoot 'TestHelpers.psm1'
    if (Test-Path $helpers) {
        Import-Module $helpers -Force
        Import-K8sTestModule
    } else {
        $modulePath = if ($env:K8SPS_TEST_MODULE) { $env:K8SPS_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/K8sPS/K8sPS.psd1' }
        Import-Module $modulePath -Global
    }
    $script:testCluster = $env:K8SPS_TEST_CONTEXT
    $script:second = 'k8sps-pester-b'
    $script:secondKubeconfig = Join-Path ([IO.Path]::GetTempPath()) "$second-$PID.kubeconfig"

    # Runs a command and returns the first ErrorRecord it writes (made terminating here to catch it).
    function Get-FirstError([scriptblock] $Command) {
        $ErrorActionPreference = 'Stop'
        try { & $Command | Out-Null } catch { return $_ }
    }
}

AfterAll {
    if (Get-K8sLocalCluster -Name $second -ErrorAction SilentlyContinue) {
        Stop-K8sLocalCluster -Name $second -Remove -ErrorAction Continue | Out-Null
    }
    Remove-Item $secondKubeconfig -ErrorAction SilentlyContinue
}

Describe 'Get-K8sLocalCluster' {
    It 'shows the test cluster running with every node Ready and every component healthy' -Skip:(-not $env:K8SPS_TEST_CONTEXT) {
        $c = Get-K8sLocalCluster -Name $testCluster
        $c.State | Should -Be 'Running'
        $c.NodesReady | Should -Be $c.NodeCount
        $c.Context | Should -Be $testCluster
        $c.ApiServerUrl | Should -Match '^https://127\.0\.0\.1:\d+$'
        $c.Uptime | Should -BeOfType [timespan]
        $c.Components.Name | Should -Be @('etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler')
        $c.Components.Health | Should -Be @('Healthy', 'Healthy', 'Healthy', 'Healthy')
    }

    It 'finds clusters by wildcard' -Skip:(-not $env:K8SPS_TEST_CONTEXT) {
        (Get-K8sLocalCluster -Name 'k8sps-t*').Name | Should -Contain $testCluster
    }

    It 'shows a kubectl-like table' -Skip:(-not $env:K8SPS_TEST_CONTEXT) {
        $text = Get-K8sLocalCluster -Name $testCluster | Out-String
        $text | Should -Match 'NAME\s+STATE\s+NODES\s+API SERVER\s+CONTEXT\s+UPTIME\s+HEALTH'
        $text | Should -Match "$testCluster\s+Running\s+\d+/\d+"
    }

    It 'reports an unknown cluster as ObjectNotFound' {
        $e = Get-FirstError { Get-K8sLocalCluster -Name 'k8sps-pester-none' }
        $e.FullyQualifiedErrorId | Should -BeLike 'LocalClusterNotFound,*'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.TargetObject | Should -Be 'k8sps-pester-none'
    }
}

Describe 'Start-K8sLocalCluster and Stop-K8sLocalCluster' {
    It 'refuses a second start of a running cluster' -Skip:(-not $env:K8SPS_TEST_CONTEXT) {
        $e = Get-FirstError { Start-K8sLocalCluster -Name $testCluster }
        $e.FullyQualifiedErrorId | Should -BeLike 'LocalClusterAlreadyRunning,*'
        $e.CategoryInfo.Category | Should -Be 'ResourceExists'
        $e.TargetObject | Should -Be $testCluster
        $e.Exception.Message | Should -Match 'already running'
    }

    It 'refuses a port already taken, and starts nothing' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $e = Get-FirstError { Start-K8sLocalCluster -Name 'k8sps-pester-port' -ApiServerPort $port }
            $e.FullyQualifiedErrorId | Should -BeLike 'LocalClusterPortInUse,*'
            $e.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $e.TargetObject | Should -Be $port
            Get-K8sLocalCluster -Name 'k8sps-pester-port' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        } finally { $listener.Stop() }
    }

    It 'names the missing binaries and the command that installs them' {
        $empty = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "k8sps-nobin-$PID") -Force
        try {
            $e = Get-FirstError { Start-K8sLocalCluster -Name 'k8sps-pester-bin' -BinPath $empty.FullName }
            $e.FullyQualifiedErrorId | Should -BeLike 'KubeBinaryNotFound,*'
            $e.CategoryInfo.Category | Should -Be 'NotInstalled'
            $e.Exception.Message | Should -Match 'kube-apiserver'
            $e.Exception.Message | Should -Match ([regex]::Escape('./build.sh -Task Bootstrap'))
        } finally { Remove-Item $empty -Recurse -Force }
    }

    It 'reports Stop of a cluster that does not exist as ObjectNotFound' {
        $e = Get-FirstError { Stop-K8sLocalCluster -Name 'k8sps-pester-none' }
        $e.FullyQualifiedErrorId | Should -BeLike 'LocalClusterNotFound,*'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.TargetObject | Should -Be 'k8sps-pester-none'
    }

    It 'starts nothing with -WhatIf' {
        Start-K8sLocalCluster -Name $second -KubeconfigPath $secondKubeconfig -WhatIf | Should -BeNullOrEmpty
        Get-K8sLocalCluster -Name $second -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Test-Path $secondKubeconfig | Should -BeFalse
    }

    It 'starts a second cluster beside the first, reachable through its own context' {
        $c = Start-K8sLocalCluster -Name $second -NodeCount 2 -KubeconfigPath $secondKubeconfig
        $c.State | Should -Be 'Running'
        $c.Nodes | Should -Be '2/2'
        (Get-Item $secondKubeconfig).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        $nodes = & kubectl --kubeconfig $secondKubeconfig --context $second get nodes --no-headers
        $LASTEXITCODE | Should -Be 0
        ($nodes -join "`n") | Should -Match "(?m)^$second\s+Ready"
        ($nodes -join "`n") | Should -Match "(?m)^$second-m02\s+Ready"
    }

    It 'keeps what was created in it' {
        & kubectl --kubeconfig $secondKubeconfig --context $second create configmap kept --from-literal=k=v | Out-Null
        $LASTEXITCODE | Should -Be 0
    }

    It 'stops it with the pipeline, freeing its processes and ports' {
        $state = Get-Content -Raw (Join-Path (Get-K8sLocalCluster -Name $second).Folder 'state.json') | ConvertFrom-Json
        $stopped = Get-K8sLocalCluster -Name $second | Stop-K8sLocalCluster
        $stopped.State | Should -Be 'Stopped'
        foreach ($component in $state.components) {
            Get-Process -Id $component.pid -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
        $listening = (& ss -ltnH 2>$null) -join "`n"
        foreach ($port in $state.ports.PSObject.Properties.Value) { $listening | Should -Not -Match "127\.0\.0\.1:$port\s" }
        (Get-K8sLocalCluster -Name $second).State | Should -Be 'Stopped'
    }

    It 'starts it again from its data with the node count it had' {
        $c = Start-K8sLocalCluster -Name $second -KubeconfigPath $secondKubeconfig
        $c.State | Should -Be 'Running'
        $c.Nodes | Should -Be '2/2'
        & kubectl --kubeconfig $secondKubeconfig --context $second get configmap kept -o 'jsonpath={.data.k}' | Should -Be 'v'
        (Stop-K8sLocalCluster -Name $second).State | Should -Be 'Stopped'
    }

    It 'waits by default; with -NoWait it returns while the cluster is still starting' {
        $c = Start-K8sLocalCluster -Name $second -KubeconfigPath $secondKubeconfig -NoWait
        $c.State | Should -Be 'Starting'
        Wait-TestCondition -Because 'the cluster started with -NoWait to be Running' -Condition { (Get-K8sLocalCluster -Name $second).State -eq 'Running' } | Should -BeTrue
        (Stop-K8sLocalCluster -Name $second).State | Should -Be 'Stopped'
    }

    It 'leaves a stopped cluster in place with -WhatIf and removes it with -Remove' {
        Stop-K8sLocalCluster -Name $second -Remove -WhatIf | Should -BeNullOrEmpty
        (Get-K8sLocalCluster -Name $second).State | Should -Be 'Stopped'
        $removed = Stop-K8sLocalCluster -Name $second -Remove
        $removed.State | Should -Be 'Removed'
        Get-K8sLocalCluster -Name $second -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        & kubectl --kubeconfig $secondKubeconfig config get-contexts -o name | Should -Not -Contain $second
    }
}
