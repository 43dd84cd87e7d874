<#
.SYNOPSIS
    What runs in a namespace, what is not Ready and why: as objects, or as a Markdown table.
.DESCRIPTION
    One row per workload (Deployments, StatefulSets, DaemonSets, Jobs) and per pod that no workload owns,
    each judged by Get-K8sReadiness: Ready, the replicas, and for what is not Ready the reason as the cluster
    gives it (conditions with their reasons, the pods' waiting reasons such as ImagePullBackOff or
    CrashLoopBackOff, the last warning events). Services are listed with their ready endpoints.

    Rows are objects (Kind, Name, Ready, Replicas, Images, Reason), so they sort, filter and export:
    Get-NamespaceReport shop | Where-Object -Not Ready. -AsMarkdown writes one string, a Markdown table, for
    a ticket, a wiki page or a CI job summary.

    The report only reads: it changes nothing, so -WhatIf has nothing to say.
.PARAMETER Namespace
    The namespace. Default: the context's.
.PARAMETER AsMarkdown
    Writes a Markdown table (one string) instead of objects.
.PARAMETER Context
    The kubeconfig context. Default: the current one.
.EXAMPLE
    ./Get-NamespaceReport.ps1 -Namespace shop

    A table of everything in shop, Ready or not and why.
.EXAMPLE
    ./Get-NamespaceReport.ps1 shop | Where-Object -Not Ready | Format-List

    Only what needs a look, with the whole reason.
.EXAMPLE
    ./Get-NamespaceReport.ps1 shop -AsMarkdown | Set-Content report.md

    The report for a ticket or a CI summary ($env:GITHUB_STEP_SUMMARY).
#>
[CmdletBinding(SupportsShouldProcess)]
[OutputType([pscustomobject], [string])]
param(
    [Parameter(Position = 0)] [string] $Namespace,
    [switch] $AsMarkdown,
    [string] $Context
)
$common = @{ ErrorAction = 'Stop' }
if ($Context) { $common.Context = $Context }
$ns = if ($Namespace) { $Namespace } else { (Get-K8sContext -Current).Namespace }
if (-not $ns) { $ns = 'default' }

function New-Row($Kind, $Object, $Readiness, [string] $Replicas) {
    $images = @($Object.Spec.Template.Spec.Containers + $Object.Spec.Containers | Where-Object { $_ } | ForEach-Object Image) -join ', '
    if ($Object.Spec.JobTemplate) { $images = @($Object.Spec.JobTemplate.Spec.Template.Spec.Containers | ForEach-Object Image) -join ', ' }
    [pscustomobject]@{
        PSTypeName = 'K8sPS.Runbook.NamespaceReportRow'
        Namespace  = $ns
        Kind       = $Kind
        Name       = $Object.Metadata.Name
        Ready      = [bool]$Readiness.Ready
        Replicas   = $Replicas
        Images     = $images
        Reason     = if ($Readiness.Ready) { '' } else { $Readiness.Explain() }
    }
}

# Readiness of one object; one that cannot be judged is a row that says why, not the end of the report.
function Get-Readiness([string] $Kind, [string] $Name) {
    try { Get-K8sReadiness $Kind $Name -Namespace $ns @common }
    catch { [pscustomobject]@{ Ready = $false; Replicas = $null; ReadyReplicas = $null } | Add-Member -PassThru ScriptMethod Explain ([scriptblock]::Create("'$("$_" -replace "'", "''")'")) }
}

function Get-Replicas($Readiness) {
    if ($null -ne $Readiness.Replicas) { "$([int]$Readiness.ReadyReplicas)/$($Readiness.Replicas)" } else { '' }
}

$rows = [Collections.Generic.List[object]]::new()
foreach ($kind in 'Deployment', 'StatefulSet', 'DaemonSet', 'Job') {
    $objects = switch ($kind) {
        'Deployment' { Get-K8sDeployment -Namespace $ns @common }
        'StatefulSet' { Get-K8sStatefulSet -Namespace $ns @common }
        'DaemonSet' { Get-K8sDaemonSet -Namespace $ns @common }
        'Job' { Get-K8sJob -Namespace $ns @common }
    }
    foreach ($o in $objects) {
        if ($kind -eq 'Job' -and @($o.Metadata.OwnerReferences | Where-Object { $_ -and $_.Kind -eq 'CronJob' })) { continue }
        $r = Get-Readiness $kind $o.Metadata.Name
        $rows.Add((New-Row $kind $o $r (Get-Replicas $r)))
    }
}
foreach ($pod in Get-K8sPod -Namespace $ns @common) {
    if (@($pod.Metadata.OwnerReferences | Where-Object { $_ -and $_.Controller })) { continue }   # its workload's row tells
    $r = Get-Readiness pod $pod.Metadata.Name
    $rows.Add((New-Row 'Pod' $pod $r ''))
}
foreach ($svc in Get-K8sService -Namespace $ns @common) {
    $r = Get-Readiness svc $svc.Metadata.Name
    $row = New-Row 'Service' $svc $r ''
    $row.Images = ''
    $rows.Add($row)
}

if (-not $AsMarkdown) { return $rows }

function Format-Cell([string] $Text) { ($Text -replace '\|', '\|' -replace '\r?\n', ' ').Trim() }
$notReady = @($rows | Where-Object { -not $_.Ready }).Count
$lines = @(
    "## Namespace $ns"
    ''
    "$($rows.Count) objects, $notReady not ready."
    ''
    '| Kind | Name | Ready | Replicas | Images | Reason |'
    '|---|---|---|---|---|---|'
    foreach ($row in $rows) {
        '| {0} | {1} | {2} | {3} | {4} | {5} |' -f $row.Kind, (Format-Cell $row.Name), ($row.Ready ? 'yes' : '**no**'), $row.Replicas, (Format-Cell $row.Images), (Format-Cell $row.Reason)
    }
)
$lines -join "`n"
