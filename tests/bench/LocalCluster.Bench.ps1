<#
.SYNOPSIS
    Start time of the local cluster, cold and warm, to all nodes Ready.
.DESCRIPTION
    Cold: a cluster with no state (certificates generated, etcd initialised, the apiserver
    bootstrapping its roles). Warm: the same cluster started again after a stop (state, certificates
    and etcd data kept). Each run is Start-K8sLocalCluster measured in this pwsh, from the call
    to every node Ready; "supervisor s" is the supervisor's own share (state.json: start to ready).
    The cluster is stopped between runs and removed at the end. Prints a table; -PassThru also emits
    one object per case for a bench runner.
.EXAMPLE
    ./tests/bench/LocalCluster.Bench.ps1 -ModulePath ./out/K8sPS/K8sPS.psd1 -Runs 3
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/K8sPS/K8sPS.psd1'),
    [ValidateRange(1, 100)] [int] $NodeCount = 3,
    [ValidateRange(1, 10)] [int] $Runs = 3,
    [string] $Name = 'k8sps-bench',
    [switch] $PassThru
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath -Force
$kubeconfig = Join-Path ([IO.Path]::GetTempPath()) "$Name-$PID.kubeconfig"

function Measure-Start {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $cluster = Start-K8sLocalCluster -Name $Name -NodeCount $NodeCount -KubeconfigPath $kubeconfig
    $watch.Stop()
    if ($cluster.NodesReady -ne $NodeCount) { throw "only $($cluster.Nodes) nodes Ready" }
    [pscustomobject]@{ Total = $watch.Elapsed.TotalSeconds; Supervisor = [double]$cluster.StartSeconds }
}

function Get-Summary([string] $case, [object[]] $samples, [string] $goal) {
    $totals = @($samples.Total | Sort-Object)
    [pscustomobject]@{
        Benchmark      = 'local cluster start'
        Case           = $case
        Nodes          = $NodeCount
        Runs           = $totals.Count
        'median s'     = [math]::Round($totals[[int][math]::Floor(($totals.Count - 1) / 2)], 2)
        'min s'        = [math]::Round($totals[0], 2)
        'max s'        = [math]::Round($totals[-1], 2)
        'supervisor s' = [math]::Round((($samples.Supervisor | Measure-Object -Average).Average), 2)
        Goal           = $goal
    }
}

if (Get-K8sLocalCluster -Name $Name -ErrorAction SilentlyContinue) { Stop-K8sLocalCluster -Name $Name -Remove | Out-Null }
$cold = [Collections.Generic.List[object]]::new()
$warm = [Collections.Generic.List[object]]::new()
try {
    for ($i = 1; $i -le $Runs; $i++) {
        Write-Progress -Activity 'local cluster start' -Status "cold $i/$Runs"
        $cold.Add((Measure-Start))
        Stop-K8sLocalCluster -Name $Name -Remove | Out-Null
    }
    # One start to create the state the warm runs reuse; not measured.
    Start-K8sLocalCluster -Name $Name -NodeCount $NodeCount -KubeconfigPath $kubeconfig | Out-Null
    Stop-K8sLocalCluster -Name $Name | Out-Null
    for ($i = 1; $i -le $Runs; $i++) {
        Write-Progress -Activity 'local cluster start' -Status "warm $i/$Runs"
        $warm.Add((Measure-Start))
        Stop-K8sLocalCluster -Name $Name | Out-Null
    }
} finally {
    Write-Progress -Activity 'local cluster start' -Completed
    if (Get-K8sLocalCluster -Name $Name -ErrorAction SilentlyContinue) { Stop-K8sLocalCluster -Name $Name -Remove | Out-Null }
    Remove-Item $kubeconfig -ErrorAction SilentlyContinue
}

$results = @(
    Get-Summary 'cold (no state)' $cold ''
    Get-Summary 'warm (after stop)' $warm '< 15 s'
)
$results | Format-Table Case, Nodes, Runs, 'median s', 'min s', 'max s', 'supervisor s', Goal -AutoSize | Out-Host
if ($PassThru) { $results }
