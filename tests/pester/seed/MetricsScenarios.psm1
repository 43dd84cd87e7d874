<#
    Helpers of the metrics scenarios (A-MONITORING, A-AUTOSCALING): kubectl top and kubectl get hpa as rows, and the
    check that the cluster's own processes (supervisor, etcd, kube-apiserver, kube-controller-manager,
    kube-scheduler) keep every socket on loopback while the scenarios run: their /proc/<pid>/fd sockets matched
    by inode to /proc/net/{tcp,tcp6,udp,udp6}, sampled in the background. Import TestHelpers.psm1 first.
#>
Set-StrictMode -Version Latest

# kubectl's table without its header: an array of rows (also for one row), each line split at runs of two or more
# spaces (TARGETS like "5%/50%, 1%/80%" has single spaces only). Assign it, or index it: (ConvertFrom-KubectlTable $t)[0][2].
function ConvertFrom-KubectlTable([string[]] $Lines) {
    $rows = [System.Collections.Generic.List[object]]::new()
    foreach ($line in $Lines | Select-Object -Skip 1 | Where-Object { $_.Trim() }) { $rows.Add([string[]]($line.Trim() -split '\s{2,}')) }
    , $rows.ToArray()
}

# The process ids of the test cluster, from its state (Get-K8sLocalCluster), as name/pid pairs.
function Get-TestClusterProcesses {
    $cluster = Get-K8sLocalCluster -Name $env:K8SPS_TEST_CONTEXT -ErrorAction Stop
    $list = @([pscustomobject]@{ Name = 'supervisor'; Pid = $cluster.SupervisorPid })
    $list += @($cluster.Components | Where-Object Pid -GT 0 | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Pid = $_.Pid } })
    if ($list.Count -lt 5 -or @($list | Where-Object Pid -LE 0).Count) { throw "cluster '$($env:K8SPS_TEST_CONTEXT)' is not fully running: $($cluster.Health)" }
    $list
}

# The sampler, as text, so a thread job can define it too: every TCP/UDP socket of the processes, with a flag for
# one bound to or talking with an address outside 127.0.0.0/8 and ::1 (an unconnected peer, 0.0.0.0:0, is fine).
$script:SocketFunctions = @'
function ConvertFrom-ProcNetAddress([string] $Text) {
    $hex, $portHex = $Text -split ':'
    $bytes = [byte[]]::new($hex.Length / 2)
    for ($w = 0; $w -lt $hex.Length / 8; $w++) {
        for ($b = 0; $b -lt 4; $b++) { $bytes[$w * 4 + $b] = [Convert]::ToByte($hex.Substring($w * 8 + (3 - $b) * 2, 2), 16) }
    }
    [System.Net.IPEndPoint]::new([System.Net.IPAddress]::new($bytes), [Convert]::ToInt32($portHex, 16))
}
function Test-LoopbackAddress([System.Net.IPAddress] $Address) {
    if ($Address.IsIPv4MappedToIPv6) { $Address = $Address.MapToIPv4() }
    [System.Net.IPAddress]::IsLoopback($Address)
}
function Get-ProcessSocket($Processes) {
    $owners = @{}
    foreach ($p in $Processes) {
        foreach ($fd in @(Get-ChildItem "/proc/$($p.Pid)/fd" -ErrorAction SilentlyContinue)) {
            $target = $fd.LinkTarget
            if ($target -and $target.StartsWith('socket:[')) { $owners[$target.Substring(8, $target.Length - 9)] = $p }
        }
    }
    foreach ($protocol in 'tcp', 'tcp6', 'udp', 'udp6') {
        $lines = @(Get-Content "/proc/net/$protocol" -ErrorAction SilentlyContinue | Select-Object -Skip 1)
        foreach ($line in $lines) {
            $f = $line.Trim() -split '\s+'
            if ($f.Count -lt 10 -or -not $owners.ContainsKey($f[9])) { continue }
            $local = ConvertFrom-ProcNetAddress $f[1]
            $remote = ConvertFrom-ProcNetAddress $f[2]
            $unconnected = $remote.Port -eq 0 -and ($remote.Address.Equals([System.Net.IPAddress]::Any) -or $remote.Address.Equals([System.Net.IPAddress]::IPv6Any))
            $owner = $owners[$f[9]]
            [pscustomobject]@{
                Process = "$($owner.Name)($($owner.Pid))"; Protocol = $protocol; Local = "$local"; Remote = "$remote"
                Outside = -not (Test-LoopbackAddress $local.Address) -or (-not $unconnected -and -not (Test-LoopbackAddress $remote.Address))
            }
        }
    }
}
'@
. ([scriptblock]::Create($script:SocketFunctions))

# Starts sampling the cluster's sockets every half second; Stop-LoopbackWatch returns what it saw.
function Start-LoopbackWatch {
    $processes = Get-TestClusterProcesses
    $state = [hashtable]::Synchronized(@{ Stop = $false; Samples = 0; Sockets = 0; Outside = [System.Collections.Generic.HashSet[string]]::new() })
    $job = Start-ThreadJob -ArgumentList $script:SocketFunctions, $processes, $state -ScriptBlock {
        param($functions, $processes, $state)
        . ([scriptblock]::Create($functions))
        do {
            $sockets = @(Get-ProcessSocket $processes)
            [System.Threading.Monitor]::Enter($state.SyncRoot)
            try {
                $state.Samples++
                $state.Sockets += $sockets.Count
                foreach ($s in $sockets | Where-Object Outside) { $null = $state.Outside.Add("$($s.Process) $($s.Protocol) $($s.Local) -> $($s.Remote)") }
            } finally { [System.Threading.Monitor]::Exit($state.SyncRoot) }
            Start-Sleep -Milliseconds 500
        } while (-not $state.Stop)
    }
    [pscustomobject]@{ Job = $job; State = $state; Processes = $processes }
}

# Stops the sampling; returns the samples taken, the sockets seen in all, and every socket seen outside loopback.
function Stop-LoopbackWatch($Watch) {
    $Watch.State.Stop = $true
    $null = Wait-Job $Watch.Job -Timeout 30
    Receive-Job $Watch.Job -ErrorAction SilentlyContinue | Out-Null
    Remove-Job $Watch.Job -Force
    # One last sample here, so the end of the scenario is seen too.
    $last = @(Get-ProcessSocket $Watch.Processes)
    [pscustomobject]@{
        Samples = $Watch.State.Samples + 1
        Sockets = $Watch.State.Sockets + $last.Count
        Outside = @($Watch.State.Outside) + @($last | Where-Object Outside | ForEach-Object { "$($_.Process) $($_.Protocol) $($_.Local) -> $($_.Remote)" }) | Sort-Object -Unique
    }
}

# The APIService of the metrics API is Available (the supervisor registers it a moment after the cluster is Ready).
function Wait-MetricsApiAvailable([int] $TimeoutSeconds = 120) {
    $script:apiServiceSeen = $null
    Wait-TestCondition -TimeoutSeconds $TimeoutSeconds -Because 'the APIService v1beta1.metrics.k8s.io to be Available' -Condition {
        $s = Invoke-TestKubectl get apiservice v1beta1.metrics.k8s.io -Json -AllowFailure
        $script:apiServiceSeen = if ($s -is [hashtable]) { $s['status'] | ConvertTo-Json -Depth 5 -Compress } else { "$s" }
        # A just-created APIService has no status, or a status without conditions, yet: that is "not yet", not an error
        # (piping a missing list into Where-Object would hand it one $null to index).
        $s -is [hashtable] -and $s['status'] -is [hashtable] -and $s['status']['conditions'] -and
            @($s['status']['conditions'] | Where-Object { $_['type'] -eq 'Available' -and $_['status'] -eq 'True' }).Count -gt 0
    } -LastSeen { $script:apiServiceSeen }
}

Export-ModuleMember -Function ConvertFrom-KubectlTable, Get-TestClusterProcesses, Get-ProcessSocket, Start-LoopbackWatch, Stop-LoopbackWatch, Wait-MetricsApiAvailable
