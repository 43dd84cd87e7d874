<#
.SYNOPSIS
    Node simulator throughput: time for N pods of a Deployment to be Running and Ready on M simulated
    nodes and to be gone after scale to 0, then the same for bare pods bound straight to the nodes
    (the simulator alone, without the controllers' and scheduler's client rate limits). Prints a table.
.DESCRIPTION
    Runs against the cluster of -Kubeconfig (its current context). Registers M nodes named after
    -ClusterName, works in a namespace of its own, and deletes both when done.
.EXAMPLE
    ./tests/bench/Simulator.Bench.ps1 -Kubeconfig ~/.k8sps/clusters/k8sps-bench/kubeconfig
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Kubeconfig,
    [string] $ClusterName = 'simbench',
    [int] $Nodes = 10,
    [int] $Pods = 1000,
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
$project = Join-Path $PSScriptRoot 'Simulator.Bench/Simulator.Bench.csproj'
& dotnet build $project -c $Configuration --nologo --verbosity quiet -clp:NoSummary
if ($LASTEXITCODE -ne 0) { throw "building $project failed" }
& dotnet run --project $project -c $Configuration --no-build -- `
    --kubeconfig $Kubeconfig --cluster $ClusterName --nodes $Nodes --pods $Pods
if ($LASTEXITCODE -ne 0) { throw "the simulator bench failed (exit code $LASTEXITCODE)" }
