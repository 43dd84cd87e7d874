<#
.SYNOPSIS
    Switches a Service from the blue version of an app to the green one, and back again when green does not
    become Ready within the timeout.
.DESCRIPTION
    A blue-green release with the K8sPS cmdlets. Both versions run side by side as Deployments whose pods carry
    a version label (version=blue, version=green); the Service selects one of them. The runbook:

    1. reads the Service and checks that its selector has <Label>=<From> (else it stops: nothing to switch);
    2. changes the selector to <Label>=<To> (Edit-K8sResource -ScriptBlock), so traffic moves to green;
    3. waits up to -Timeout for the Deployments whose pods the new selector picks to finish their rollout
       (Wait-K8sRollout) and for the Service to have ready endpoints (Get-K8sReadiness);
    4. if green is not Ready in time, puts the selector back to <From> (the rollback) and writes an error
       (ErrorId BlueGreenRolledBack) that says why green is not ready, as the cluster tells it.

    It writes one object: Service, Namespace, From, To, Switched, RolledBack, Reason. With -WhatIf the
    selector change is sent as a server dry run and nothing changes; no wait happens.

    kubectl: kubectl patch service web -p '{"spec":{"selector":{"version":"green"}}}', then kubectl rollout
    status deployment/web-green --timeout=60s, and the first patch again with blue when it fails.
.PARAMETER Service
    The Service to switch.
.PARAMETER Namespace
    Its namespace. Default: the context's.
.PARAMETER Label
    The selector's label that names the version. Default: version.
.PARAMETER From
    The version the Service selects now. Default: blue.
.PARAMETER To
    The version to switch to. Default: green.
.PARAMETER TimeoutSeconds
    How long green has to become Ready after the switch. Default: 60.
.PARAMETER Context
    The kubeconfig context. Default: the current one.
.EXAMPLE
    ./Switch-BlueGreen.ps1 -Service web -Namespace shop

    Moves web from version=blue to version=green; back to blue if green is not Ready within a minute.
.EXAMPLE
    ./Switch-BlueGreen.ps1 -Service web -From green -To blue -WhatIf

    What switching back would change, checked by the server; nothing is changed.
.EXAMPLE
    ./Switch-BlueGreen.ps1 -Service web -TimeoutSeconds 30 -ErrorAction Stop

    In a pipeline job: a rollback is a terminating error, so the job fails.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory, Position = 0)] [string] $Service,
    [string] $Namespace,
    [string] $Label = 'version',
    [string] $From = 'blue',
    [string] $To = 'green',
    [ValidateRange(1, 3600)] [int] $TimeoutSeconds = 60,
    [string] $Context
)
$common = @{ ErrorAction = 'Stop' }
if ($Namespace) { $common.Namespace = $Namespace }
if ($Context) { $common.Context = $Context }

$svc = Get-K8sService $Service @common
$ns = $svc.Metadata.NamespaceProperty
$selector = @{}
foreach ($key in @($svc.Spec.Selector.Keys)) { $selector[$key] = $svc.Spec.Selector[$key] }
$result = [pscustomobject]@{
    PSTypeName = 'K8sPS.Runbook.BlueGreenSwitch'
    Service = $Service; Namespace = $ns; From = $From; To = $To; Switched = $false; RolledBack = $false; Reason = $null
}
if ($selector[$Label] -ne $From) {
    $result.Reason = "service $Service selects $Label=$($selector[$Label]), not $Label=${From}: nothing switched"
    Write-Error -Message $result.Reason -ErrorId 'BlueGreenUnexpectedSelector' -Category InvalidOperation -TargetObject $result
    return $result
}

function Set-Selector([string] $Version) {
    $value = $Version
    $key = $Label
    # The script block runs inside Edit-K8sResource, called from here: $key and $value are this function's.
    $null = Edit-K8sResource svc $Service -Namespace $ns @common -Confirm:$false -ScriptBlock { $_.spec.selector.$key = $value }
}

if ($WhatIfPreference) {
    # -WhatIf reaches Edit-K8sResource through $WhatIfPreference: the server checks the change, stores nothing.
    Set-Selector $To
    $result.Reason = 'WhatIf: the switch was checked by a server dry run; nothing changed'
    return $result
}
if (-not $PSCmdlet.ShouldProcess("service $Service in namespace $ns", "Switch selector $Label from $From to $To")) { return $result }
Set-Selector $To
$result.Switched = $true
Write-Verbose "service $Service now selects $Label=$To"

# The Deployments that serve the new selector: their pod template has every label of it.
$wanted = $selector.Clone(); $wanted[$Label] = $To
$green = @(Get-K8sDeployment -Namespace $ns @common | Where-Object {
        $labels = $_.Spec.Template.Metadata.Labels
        $labels -and -not ($wanted.Keys | Where-Object { $labels[$_] -ne $wanted[$_] })
    })
$deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
$reason = $null
if ($green.Count -eq 0) {
    $reason = "no deployment in namespace $ns has pods labelled $(($wanted.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ',')"
} else {
    foreach ($deployment in $green) {
        $left = [Math]::Max(1, [int]($deadline - [DateTime]::UtcNow).TotalSeconds)
        try {
            $null = Wait-K8sRollout $deployment.Metadata.Name -Namespace $ns -Timeout ([TimeSpan]::FromSeconds($left)) @common
        } catch {
            $reason = (Get-K8sReadiness deploy $deployment.Metadata.Name -Namespace $ns @common).Explain()
            break
        }
    }
    while (-not $reason) {
        $readiness = Get-K8sReadiness svc $Service -Namespace $ns @common
        if ($readiness.Ready) { break }
        if ([DateTime]::UtcNow -ge $deadline) { $reason = $readiness.Explain(); break }
        Start-Sleep -Milliseconds 500
    }
}
if ($reason) {
    Set-Selector $From
    $result.RolledBack = $true
    $result.Reason = "$To did not become ready within $TimeoutSeconds s, so service $Service selects $Label=$From again: $reason"
    Write-Error -Message $result.Reason -ErrorId 'BlueGreenRolledBack' -Category OperationTimeout -TargetObject $result
}
$result
