<#
.SYNOPSIS
    Takes a node out for maintenance and brings it back: drain, your maintenance, uncordon.
.DESCRIPTION
    kubectl drain, the work, kubectl uncordon, as one step that cannot leave a node cordoned by mistake:

    1. Clear-K8sNode cordons the node and evicts its pods through the Eviction API (PodDisruptionBudgets are
       honoured; -TimeoutSeconds bounds the wait), DaemonSet pods left alone (-IgnoreDaemonSets);
    2. the -Maintenance script block runs with the node's name as $args[0] (and $_);
    3. Enable-K8sNodeScheduling makes the node schedulable again, whether the maintenance succeeded or
       threw (unless -LeaveCordonedOnFailure).

    When the drain fails (a budget that never allows the eviction, a pod without controller and no -Force)
    the maintenance does not run, the node is made schedulable again, and the drain's error is written.

    It writes one object: Node, Drained, MaintenanceOutput, MaintenanceError, Uncordoned. With -WhatIf the
    drain and the uncordon say what they would do, and the maintenance is not run.
.PARAMETER Node
    The node.
.PARAMETER Maintenance
    What to do while the node is empty, given the node's name.
.PARAMETER TimeoutSeconds
    How long the drain may wait for evictions. Default: 300.
.PARAMETER DeleteEmptyDirData
    Evicts pods with emptyDir volumes too (their data is lost), as kubectl drain --delete-emptydir-data.
.PARAMETER Force
    Deletes pods no controller owns too (they are not recreated), as kubectl drain --force.
.PARAMETER LeaveCordonedOnFailure
    Leaves the node cordoned when the maintenance throws, for a person to look at.
.PARAMETER Context
    The kubeconfig context. Default: the current one.
.EXAMPLE
    ./Invoke-NodeMaintenance.ps1 minikube-m02 { param($node) Write-Host "patching $node"; Start-Sleep 5 }

    Drains minikube-m02, runs the patch, and makes it schedulable again.
.EXAMPLE
    ./Invoke-NodeMaintenance.ps1 minikube-m02 { Restart-Computer -ComputerName $args[0] -Wait } -WhatIf

    Which pods the drain would evict; nothing is changed and the script block does not run.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory, Position = 0)] [string] $Node,
    [Parameter(Mandatory, Position = 1)] [scriptblock] $Maintenance,
    [ValidateRange(1, 86400)] [int] $TimeoutSeconds = 300,
    [switch] $DeleteEmptyDirData,
    [switch] $Force,
    [switch] $LeaveCordonedOnFailure,
    [string] $Context
)
$common = @{ ErrorAction = 'Stop' }
if ($Context) { $common.Context = $Context }
$result = [pscustomobject]@{
    PSTypeName = 'K8sPS.Runbook.NodeMaintenance'
    Node = $Node; Drained = $false; MaintenanceOutput = $null; MaintenanceError = $null; Uncordoned = $false
}
$null = Get-K8sNode $Node @common   # a node that does not exist stops here, before anything changes

$drainError = $null
try {
    # -WhatIf reaches Clear-K8sNode through $WhatIfPreference: it lists what it would evict.
    $null = Clear-K8sNode $Node -IgnoreDaemonSets -DeleteEmptyDirData:$DeleteEmptyDirData -Force:$Force -TimeoutSeconds $TimeoutSeconds @common
    $result.Drained = -not $WhatIfPreference
} catch {
    $drainError = $_
}

if ($result.Drained -and $PSCmdlet.ShouldProcess("node $Node", 'Run the maintenance')) {
    try {
        # An error the maintenance writes counts as its failure (in a scope of its own, so only there).
        $result.MaintenanceOutput = & { $ErrorActionPreference = 'Stop'; $Node | ForEach-Object { & $Maintenance $_ } }
    } catch {
        $result.MaintenanceError = $_
    }
}

if (-not ($result.MaintenanceError -and $LeaveCordonedOnFailure)) {
    $null = Enable-K8sNodeScheduling $Node @common
    $result.Uncordoned = -not $WhatIfPreference
} else {
    Write-Warning "node $Node stays cordoned after the failed maintenance: Enable-K8sNodeScheduling $Node when it is fixed"
}

if ($drainError) {
    Write-Error -ErrorRecord $drainError
} elseif ($result.MaintenanceError) {
    Write-Error -Message "maintenance of node ${Node} failed: $($result.MaintenanceError)" -ErrorId 'NodeMaintenanceFailed' -Category NotSpecified -TargetObject $result
}
$result
