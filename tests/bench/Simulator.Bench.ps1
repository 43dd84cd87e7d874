<#
.SYNOPSIS
    Node simulator throughput: time for N pods of a Deployment to be Running and Ready on M simulated
    nodes and to be gone after scale to 0, then the same for bare pods bound straight to the nodes
    (the simulator alone, without the controllers' and scheduler's client rate limits), and kubectl's
    view of the same Deployment (kubectl create / rollout status / scale). Prints a table.
.DESCRIPTION
    With no -Kubeconfig (as under build.ps1 -Task Bench): starts the local cluster -LocalClusterName
    with -Nodes nodes, so the supervisor's own simulator runs the pods as a user gets them, and removes
    the cluster at the end, whatever failed.
    With -Kubeconfig: runs against that cluster (its current context), registers M nodes of its own
    named after -ClusterName (the simulator runs in the bench process), and deletes them when done.
    Either way it works in a namespace of its own. -PassThru emits Name/Value/Unit/Note objects.
.EXAMPLE
    ./tests/bench/Simulator.Bench.ps1 -ModulePath ./out/K8sPS/K8sPS.psd1
.EXAMPLE
    ./tests/bench/Simulator.Bench.ps1 -Kubeconfig ~/.k8sps/clusters/k8sps-bench/kubeconfig
#>
[CmdletBinding()]
param(
    [string] $Kubeconfig,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/K8sPS/K8sPS.psd1'),
    [string] $LocalClusterName = 'k8sps-bench-sim',
    [string] $ClusterName = 'simbench',
    [int] $Nodes = 10,
    [int] $Pods = 1000,
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
    [switch] $PassThru
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
$ModulePath = (Resolve-Path $ModulePath).Path
$project = Join-Path $PSScriptRoot 'Simulator.Bench/Simulator.Bench.csproj'
& dotnet build $project -c $Configuration --nologo --verbosity quiet -clp:NoSummary | Out-Host
if ($LASTEXITCODE -ne 0) { throw "building $project failed" }

# CPU seconds used so far by each process of the local cluster (Linux /proc), to say what limits throughput.
function Get-ClusterCpu([string] $name) {
    $cpu = @{}
    foreach ($dir in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -Match '^\d+$') {
        try {
            $cmd = [IO.File]::ReadAllText("$($dir.FullName)/cmdline") -split "`0"
            if (-not (($cmd -join ' ') -match "clusters/$([regex]::Escape($name))/|--name $([regex]::Escape($name))( |$)")) { continue }
            $fields = ([IO.File]::ReadAllText("$($dir.FullName)/stat") -split '\) ', 2)[1] -split ' '
            $component = Split-Path $cmd[0] -Leaf
            $cpu[$component] = ($cpu[$component] ?? 0) + ([double]$fields[11] + [double]$fields[12]) / 100   # utime + stime, in clock ticks
        } catch { }   # a process that exited meanwhile
    }
    $cpu
}

$work = Join-Path ([IO.Path]::GetTempPath()) "k8sps-simbench-$PID"
$null = New-Item -ItemType Directory -Force $work
$resultsFile = Join-Path $work 'results.json'
$rows = [Collections.Generic.List[object]]::new()
$startedCluster = $false
try {
    $mode = @('--nodes', $Nodes, '--cluster', $ClusterName)
    if (-not $Kubeconfig) {
        Import-Module $ModulePath
        # A cluster left by an interrupted run would give a warm start with stale pods: start from scratch.
        if (Get-K8sLocalCluster -Name $LocalClusterName -ErrorAction SilentlyContinue) { Stop-K8sLocalCluster -Name $LocalClusterName -Remove | Out-Null }
        $Kubeconfig = Join-Path $work 'kubeconfig'
        Write-Host "starting local cluster '$LocalClusterName' with $Nodes nodes"
        $startedCluster = $true
        $cluster = Start-K8sLocalCluster -Name $LocalClusterName -NodeCount $Nodes -KubeconfigPath $Kubeconfig
        if ($cluster.NodesReady -ne $Nodes) { throw "only $($cluster.NodesReady) of $Nodes nodes Ready" }
        $mode = @('--existing-nodes')
    }
    $Kubeconfig = (Resolve-Path $Kubeconfig).Path

    # The stdout table goes to the host; the figures come back through the results file.
    $cpuBefore = if ($startedCluster) { Get-ClusterCpu $LocalClusterName }
    $wall = [Diagnostics.Stopwatch]::StartNew()
    & dotnet run --project $project -c $Configuration --no-build -- --kubeconfig $Kubeconfig --pods $Pods --results $resultsFile @mode | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "the simulator bench failed (exit code $LASTEXITCODE)" }
    foreach ($r in (Get-Content $resultsFile -Raw | ConvertFrom-Json)) { $rows.Add($r) }
    if ($startedCluster) {
        # Over the whole run above (Deployment up and down, bare pods up and down): who used the two cores.
        $seconds = $wall.Elapsed.TotalSeconds
        $cpuAfter = Get-ClusterCpu $LocalClusterName
        $used = foreach ($c in $cpuAfter.Keys) { [pscustomobject]@{ Component = $c; Cpu = $cpuAfter[$c] - ($cpuBefore[$c] ?? 0) } }
        $total = ($used | Measure-Object Cpu -Sum).Sum
        $split = ($used | Sort-Object Cpu -Descending | ForEach-Object { "$($_.Component) $([math]::Round($_.Cpu, 1))" }) -join ', '
        $rows.Add([pscustomobject]@{ Name = 'cluster CPU during the runs above'; Value = [math]::Round($total / $seconds, 2); Unit = 'cores'
                Note = "of $([Environment]::ProcessorCount) over $([math]::Round($seconds, 1)) s; CPU-s: $split" })
    }

    # kubectl's view of the same: a Deployment of $Pods replicas, `rollout status` until all are available
    # (Ready, minReadySeconds 0), then `scale --replicas=0` until kubectl lists no pod. Only on the cluster
    # started here: on a given cluster a plain Deployment could land on its real nodes.
    if ($startedCluster) {
        $kubectl = @('--kubeconfig', $Kubeconfig)
        $ns = "simbench-kubectl-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
        $null = & kubectl @kubectl create namespace $ns
        try {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $null = & kubectl @kubectl -n $ns create deployment kc --image=nginx:1.25 --replicas=$Pods
            $null = & kubectl @kubectl -n $ns rollout status deployment/kc --timeout=300s
            if ($LASTEXITCODE -ne 0) { throw 'kubectl rollout status did not see the Deployment complete' }
            $readySeconds = $sw.Elapsed.TotalSeconds
            $ready = (& kubectl @kubectl -n $ns get deployment kc --no-headers -o 'custom-columns=READY:.status.readyReplicas,WANT:.spec.replicas') -split '\s+' | Where-Object { $_ }
            $runningReady = @(& kubectl @kubectl -n $ns get pods --no-headers | Where-Object { $_ -match '\s1/1\s+Running\s' }).Count
            $rows.Add([pscustomobject]@{ Name = "kubectl create deployment --replicas=$Pods + rollout status"; Value = [math]::Round($readySeconds, 2); Unit = 's'
                    Note = "kubectl then showed READY $($ready[0])/$($ready[1]), $runningReady pods 1/1 Running" })

            $sw.Restart()
            $null = & kubectl @kubectl -n $ns scale deployment kc --replicas=0
            do {
                Start-Sleep -Milliseconds 250
                $left = @(& kubectl @kubectl -n $ns get pods -o name).Count
            } while ($left -gt 0 -and $sw.Elapsed.TotalSeconds -lt 300)
            $rows.Add([pscustomobject]@{ Name = 'kubectl scale --replicas=0 until kubectl lists no pod'; Value = [math]::Round($sw.Elapsed.TotalSeconds, 2); Unit = 's'
                    Note = "polled with kubectl get pods every 0.25 s; $left left" })
        } finally {
            $null = & kubectl @kubectl delete namespace $ns --wait=false 2>&1
        }
    }
} finally {
    if ($startedCluster) { Stop-K8sLocalCluster -Name $LocalClusterName -Remove -ErrorAction Continue | Out-Null }
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

$rows | Format-Table Name, Value, Unit, Note -AutoSize -Wrap | Out-String -Width 220 | Out-Host
if ($PassThru) { $rows }
