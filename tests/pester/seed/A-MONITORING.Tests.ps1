<#
    A-MONITORING (kubernetes-notes.md lines 1269-1275): "kubectl top pods" and a metrics server. The notes have no
    YAML here; the scenario is theirs in prose: usage per pod read from the metrics API. The test cluster serves
    metrics.k8s.io from simulated usage set by annotations (src/K8sPS.LocalCluster/Metrics/README.md), so the values
    are known: Get-K8sTop must show exactly them, for pods, containers and nodes, and kubectl top must agree.
    Without the metrics API both say so. While this runs, no socket of the cluster's processes may leave loopback.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'A-MONITORING kubectl top pods from the metrics API' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'MetricsScenarios.psm1') -Force
        $script:watch = Start-LoopbackWatch
        Wait-MetricsApiAvailable
        $script:ns = New-TestNamespace -Prefix 'a-monitoring'
        # Two pods of two containers each: web 250m/64Mi, side 20m/10Mi (the annotations the metrics server reads).
        $manifest = Join-Path $TestDrive 'web.yaml'
        @'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
      annotations:
        sim.k8sps.io/cpu: 250m
        sim.k8sps.io/memory: 64Mi
        sim.k8sps.io/cpu.side: 20m
        sim.k8sps.io/memory.side: 10Mi
    spec:
      containers:
      - {name: web, image: nginx}
      - {name: side, image: busybox}
'@ | Set-Content -LiteralPath $manifest
        $null = Invoke-TestKubectl -n $ns apply -f $manifest
        $script:pods = Wait-TestCondition -Because "Get-K8sTop to show both web pods at 250m+20m" -TimeoutSeconds 90 -Condition {
            $rows = @(Get-K8sTop -Namespace $ns -ErrorAction SilentlyContinue)
            if ($rows.Count -eq 2 -and @($rows | Where-Object CpuMillicores -EQ 270).Count -eq 2) { , $rows }
        }
        $script:mebibyte = 1024 * 1024
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        if ($script:watch) { Stop-LoopbackWatch $script:watch | Out-Null }
    }

    It 'shows each pod at the sum of its containers'' simulated usage' {
        $pods | Should -HaveCount 2
        foreach ($p in $pods) {
            $p.Namespace | Should -Be $ns
            $p.Pod | Should -BeLike 'web-*'
            $p.Container | Should -BeNullOrEmpty
            $p.CpuMillicores | Should -Be 270
            $p.MemoryBytes | Should -Be (74 * $mebibyte)
            $p.CpuText | Should -Be '270m'
            $p.MemoryText | Should -Be '74Mi'
        }
    }

    It 'agrees with kubectl top pods' {
        $kubectl = ConvertFrom-KubectlTable (Invoke-TestKubectl -n $ns top pods)
        $kubectl | ForEach-Object { $_ -join ' ' } | Sort-Object |
            Should -Be ($pods | ForEach-Object { "$($_.Pod) $($_.CpuText) $($_.MemoryText)" } | Sort-Object)
    }

    It 'shows each container with -Containers, as kubectl top pods --containers' {
        $rows = @(Get-K8sTop -Namespace $ns -Containers)
        $rows | Should -HaveCount 4
        $rows | Where-Object Container -EQ 'web' | ForEach-Object { "$($_.CpuMillicores) $($_.MemoryBytes)" } | Should -Be @("250 $(64 * $mebibyte)", "250 $(64 * $mebibyte)")
        $rows | Where-Object Container -EQ 'side' | ForEach-Object { "$($_.CpuMillicores) $($_.MemoryBytes)" } | Should -Be @("20 $(10 * $mebibyte)", "20 $(10 * $mebibyte)")
        $kubectl = ConvertFrom-KubectlTable (Invoke-TestKubectl -n $ns top pods --containers)
        $kubectl | ForEach-Object { $_ -join ' ' } | Should -Be ($rows | ForEach-Object { "$($_.Pod) $($_.Container) $($_.CpuText) $($_.MemoryText)" })
    }

    It 'prints kubectl''s columns: NAME CPU(cores) MEMORY(bytes), POD in front with -Containers, NAMESPACE with -AllNamespaces' {
        $header = { param($text) (@($text -split "`n" | Where-Object { $_.Trim() })[0].Trim() -split '\s+') }
        & $header (Get-K8sTop -Namespace $ns | Out-String -Width 250) | Should -Be @('NAME', 'CPU(cores)', 'MEMORY(bytes)')
        & $header (Get-K8sTop -Namespace $ns -Containers | Out-String -Width 250) | Should -Be @('POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)')
        & $header (Get-K8sTop -AllNamespaces -Selector app=web | Out-String -Width 250) | Should -Be @('NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)')
        & $header (Get-K8sTop nodes | Out-String -Width 250) | Should -Be @('NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)')
    }

    It 'selects by name, by wildcard, by selector and from piped pods' {
        $one = $pods[0].Pod
        (Get-K8sTop pods $one -Namespace $ns).Pod | Should -Be $one
        (ConvertFrom-KubectlTable (Invoke-TestKubectl -n $ns top pod $one))[0][0] | Should -Be $one
        @(Get-K8sTop -Name 'web-*' -Namespace $ns) | Should -HaveCount 2
        @(Get-K8sTop -Namespace $ns -Selector 'app=nothing') | Should -HaveCount 0
        @(Get-K8sPod -Namespace $ns -Selector app=web | Get-K8sTop) | Should -HaveCount 2
        @(Get-K8sTop -AllNamespaces -Selector app=web | Where-Object Namespace -EQ $ns) | Should -HaveCount 2
    }

    It 'follows a change of a running pod''s usage, and -Sort cpu puts it first, as kubectl --sort-by=cpu' {
        $busy = $pods[1].Pod
        $null = Invoke-TestKubectl -n $ns annotate pod $busy --overwrite 'sim.k8sps.io/cpu=750m' 'sim.k8sps.io/memory=300Mi'
        $row = Wait-TestCondition -Because "$busy to use 750m+20m" -TimeoutSeconds 30 -Condition {
            $r = Get-K8sTop pods $busy -Namespace $ns
            if ($r.CpuMillicores -eq 770) { $r }
        }
        $row.MemoryBytes | Should -Be (310 * $mebibyte)
        $sorted = @(Get-K8sTop -Namespace $ns -Sort cpu)
        $sorted[0].Pod | Should -Be $busy
        (ConvertFrom-KubectlTable (Invoke-TestKubectl -n $ns top pods --sort-by=cpu))[0][0] | Should -Be $busy
        (@(Get-K8sTop -Namespace $ns -Sort memory))[0].Pod | Should -Be $busy
    }

    It 'shows every node with CPU(%) and MEMORY(%) of its allocatable resources, as kubectl top nodes' {
        $nodes = (Invoke-TestKubectl get nodes -Json)['items']
        # A node's own base usage changes every 10 s: compare with kubectl within one reading of both.
        $rows = Wait-TestCondition -Because 'Get-K8sTop nodes and kubectl top nodes to read the same values' -TimeoutSeconds 60 -Condition {
            $ours = @(Get-K8sTop nodes)
            $theirs = ConvertFrom-KubectlTable (Invoke-TestKubectl top nodes)
            $same = ($ours | ForEach-Object { "$($_.Name) $($_.CpuText) $($_.CpuPercentText) $($_.MemoryText) $($_.MemoryPercentText)" }) -join '|'
            if ($same -eq (($theirs | ForEach-Object { $_ -join ' ' }) -join '|')) { , $ours }
        }
        $rows.Name | Should -Be @($nodes | ForEach-Object { $_['metadata']['name'] } | Sort-Object)
        $hosts = (Invoke-TestKubectl -n $ns get pods -Json)['items'] | Group-Object { $_['spec']['nodeName'] } -AsHashTable -AsString
        foreach ($r in $rows) {
            $node = $nodes | Where-Object { $_['metadata']['name'] -eq $r.Name }
            $cores = [double]($node['status']['allocatable']['cpu'])
            $r.CpuPercent | Should -Be ([math]::Floor($r.CpuMillicores / ($cores * 1000) * 100))
            # Each node's usage is its own base (40-50m) plus what our pods on it use.
            $ours = if ($hosts -and $hosts.ContainsKey($r.Name)) { ($hosts[$r.Name] | Measure-Object).Count } else { 0 }
            $r.CpuMillicores | Should -BeGreaterOrEqual (40 + 270 * $ours)
        }
    }

    It 'Tab completes the pods of the namespace, and node names after nodes' {
        $complete = {
            param($line)
            $deadline = [DateTime]::UtcNow.AddSeconds(15)
            do {
                $got = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText)
                if ($got.Count) { return $got }
                Start-Sleep -Milliseconds 300
            } while ([DateTime]::UtcNow -lt $deadline)
        }
        & $complete "Get-K8sTop pods -Namespace $ns web-" | Sort-Object | Should -Be ($pods.Pod | Sort-Object)
        $nodeNames = @((Invoke-TestKubectl get nodes -Json)['items'] | ForEach-Object { $_['metadata']['name'] } | Sort-Object)
        & $complete 'Get-K8sTop nodes ' | Sort-Object | Should -Be $nodeNames
        & $complete 'Get-K8sTop no' | Should -Be 'Nodes'
    }

    Context 'bad input: each a clear error, nothing changed' {
        It 'a pod that does not exist is the server''s NotFound, as kubectl top pod says' {
            $err = $null
            Get-K8sTop pods nope -Namespace $ns -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'NotFound,*'
            "$($err[0])" | Should -Be 'pods "nope" not found'
            "$(Invoke-TestKubectl -n $ns top pod nope -AllowFailure)" | Should -Match 'pods "nope" not found'
        }

        It 'nodes have no containers: -Containers with nodes is refused' {
            { Get-K8sTop nodes -Containers -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-Containers is for pods*'
        }

        It 'a cluster without the metrics API: MetricsApiNotAvailable, in kubectl''s words' {
            # The supervisor registers the APIService again within 30 s of its deletion; it is put back at once below anyway.
            $script:savedApiService = Invoke-TestKubectl get apiservice v1beta1.metrics.k8s.io -Json
            $seen = Wait-TestCondition -Because 'Get-K8sTop and kubectl top to find no metrics API' -TimeoutSeconds 60 -Condition {
                $null = Invoke-TestKubectl delete apiservice v1beta1.metrics.k8s.io --ignore-not-found
                $kubectl = "$(Invoke-TestKubectl -n $ns top pods -AllowFailure)"
                $ours = $null
                try { $null = Get-K8sTop -Namespace $ns -ErrorAction Stop } catch { $ours = $_ }
                if ($kubectl -match 'Metrics API not available' -and $ours -and $ours.FullyQualifiedErrorId -like 'MetricsApiNotAvailable,*') { [pscustomobject]@{ Kubectl = $kubectl; Ours = $ours } }
            }
            $seen.Ours.FullyQualifiedErrorId | Should -BeLike 'MetricsApiNotAvailable,*'
            $seen.Ours.CategoryInfo.Category | Should -Be 'NotImplemented'
            "$($seen.Ours)" | Should -Be 'Metrics API not available'
            $seen.Ours.ErrorDetails.RecommendedAction | Should -Match 'metrics-server'
            $seen.Kubectl | Should -Match 'error: Metrics API not available'
        }

        AfterAll {
            # Put the APIService back as it was (the supervisor would within 30 s), and wait until it serves again.
            if ($script:savedApiService -and -not (Invoke-TestKubectl get apiservice v1beta1.metrics.k8s.io -o name -AllowFailure | Select-String 'apiservice')) {
                $saved = $script:savedApiService
                foreach ($k in 'resourceVersion', 'uid', 'creationTimestamp', 'managedFields', 'selfLink', 'generation') { $saved['metadata'].Remove($k) }
                $saved.Remove('status')
                $file = Join-Path $TestDrive 'apiservice.json'
                $saved | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath $file
                $null = Invoke-TestKubectl create -f $file -AllowFailure
            }
            Wait-MetricsApiAvailable
            $script:topSeen = $null
            Wait-TestCondition -Because 'Get-K8sTop to read the metrics API again' -TimeoutSeconds 120 -Condition {
                # Discovery lists the group again a moment after the APIService is Available: till then the error is terminating.
                try {
                    $rows = @(Get-K8sTop -Namespace $ns -ErrorAction Stop)
                    $script:topSeen = "$($rows.Count) rows: $($rows.Name -join ', ')"
                    $rows.Count -eq 2
                } catch { $script:topSeen = "$($_.FullyQualifiedErrorId): $_"; $false }
            } -LastSeen { $script:topSeen } | Out-Null
        }
    }

    It 'the socket check can see a socket outside loopback (this test''s own, bound to 0.0.0.0)' {
        $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Any, 0))
        try {
            $mine = @(Get-ProcessSocket @([pscustomobject]@{ Name = 'pwsh'; Pid = $PID }))
            $port = ([System.Net.IPEndPoint]$udp.Client.LocalEndPoint).Port
            @($mine | Where-Object { $_.Outside -and $_.Local -eq "0.0.0.0:$port" }) | Should -HaveCount 1
        } finally { $udp.Dispose() }
    }

    It 'no socket of the cluster''s processes went outside loopback while top ran' {
        $seen = Stop-LoopbackWatch $script:watch
        $script:watch = $null
        $seen.Samples | Should -BeGreaterThan 1
        $seen.Sockets | Should -BeGreaterThan 0
        $seen.Outside | Should -BeNullOrEmpty
    }
}
