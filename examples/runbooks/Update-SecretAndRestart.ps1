<#
.SYNOPSIS
    Rotates a Secret's values and restarts the workloads whose pods use it, so they read the new values.
.DESCRIPTION
    Pods read a Secret's values when their containers start (environment variables) or see them change only
    after a delay (volumes), so a rotation is: write the new values, then restart what uses them. The runbook:

    1. replaces the Secret's values with New-K8sSecret -Force (kubectl create secret ... --dry-run=client -o yaml
       | kubectl apply -f -); -Verbose lists the keys that change, values never shown;
    2. finds the pods of the namespace that reference the Secret (env valueFrom.secretKeyRef, envFrom.secretRef,
       secret volumes, projected volumes, imagePullSecrets) and the workloads that own them (Deployment through
       its ReplicaSet, StatefulSet, DaemonSet);
    3. restarts each of those workloads (Restart-K8sRollout, kubectl rollout restart) and, with -Wait, waits for
       its rollout (Wait-K8sRollout).

    It writes one object per workload: Kind, Name, Namespace, Pods (how many of its pods use the Secret),
    Restarted. Pods with no owner are reported with a warning (restarting them is deleting them: your call).
    With -WhatIf the Secret is checked by a server dry run and the restarts are shown; nothing changes.
.PARAMETER Name
    The Secret.
.PARAMETER Values
    The new values, key = value (text or SecureString), as New-K8sSecret -FromLiteral takes them. The Secret
    holds exactly these keys afterwards.
.PARAMETER Namespace
    Its namespace. Default: the context's.
.PARAMETER Wait
    Waits until every restarted workload has rolled out.
.PARAMETER TimeoutSeconds
    With -Wait: how long each rollout may take. Default: 120.
.PARAMETER Context
    The kubeconfig context. Default: the current one.
.EXAMPLE
    ./Update-SecretAndRestart.ps1 db-secrets @{ username = 'root'; password = (Read-Host -AsSecureString) } -Wait

    The notes' db-secrets with a new password; every deployment whose pods read it is restarted.
.EXAMPLE
    ./Update-SecretAndRestart.ps1 db-secrets @{ username = 'root'; password = 'new' } -Namespace shop -WhatIf

    Which keys would change and which workloads would restart; nothing is changed.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory, Position = 0)] [string] $Name,
    [Parameter(Mandatory, Position = 1)] [hashtable] $Values,
    [string] $Namespace,
    [switch] $Wait,
    [ValidateRange(1, 3600)] [int] $TimeoutSeconds = 120,
    [string] $Context
)
$common = @{ ErrorAction = 'Stop' }
if ($Context) { $common.Context = $Context }
$ns = if ($Namespace) { $Namespace } else { (Get-K8sContext -Current).Namespace }
if (-not $ns) { $ns = 'default' }

# 1. The new values (-WhatIf: a server dry run through $WhatIfPreference).
$null = New-K8sSecret $Name -FromLiteral $Values -Force -Namespace $ns @common

# 2. The pods that read it, and who owns them.
function Test-UsesSecret($pod) {
    $spec = $pod.Spec
    foreach ($c in @($spec.Containers) + @($spec.InitContainers)) {
        if (-not $c) { continue }
        foreach ($e in @($c.Env)) { if ($e -and $e.ValueFrom -and $e.ValueFrom.SecretKeyRef -and $e.ValueFrom.SecretKeyRef.Name -eq $Name) { return $true } }
        foreach ($e in @($c.EnvFrom)) { if ($e -and $e.SecretRef -and $e.SecretRef.Name -eq $Name) { return $true } }
    }
    foreach ($v in @($spec.Volumes)) {
        if (-not $v) { continue }
        if ($v.Secret -and $v.Secret.SecretName -eq $Name) { return $true }
        if ($v.Projected) { foreach ($s in @($v.Projected.Sources)) { if ($s -and $s.Secret -and $s.Secret.Name -eq $Name) { return $true } } }
    }
    foreach ($p in @($spec.ImagePullSecrets)) { if ($p -and $p.Name -eq $Name) { return $true } }
    $false
}

$workloads = [ordered]@{}
foreach ($pod in Get-K8sPod -Namespace $ns @common | Where-Object { Test-UsesSecret $_ }) {
    $owner = @($pod.Metadata.OwnerReferences | Where-Object { $_ -and $_.Controller })[0]
    if (-not $owner) {
        Write-Warning "pod $($pod.Metadata.Name) uses secret $Name but has no controller: delete it yourself to restart it"
        continue
    }
    $kind = $owner.Kind; $ownerName = $owner.Name
    if ($kind -eq 'ReplicaSet') {
        $rs = Get-K8sReplicaSet $ownerName -Namespace $ns @common
        $deployment = @($rs.Metadata.OwnerReferences | Where-Object { $_ -and $_.Kind -eq 'Deployment' })[0]
        if (-not $deployment) { Write-Warning "pod $($pod.Metadata.Name) belongs to replica set $ownerName, which no deployment owns: not restarted"; continue }
        $kind = 'Deployment'; $ownerName = $deployment.Name
    }
    if ($kind -notin 'Deployment', 'StatefulSet', 'DaemonSet') {
        Write-Warning "pod $($pod.Metadata.Name) belongs to $kind $ownerName, which has no rollout to restart"
        continue
    }
    $key = "$kind/$ownerName"
    if (-not $workloads.Contains($key)) {
        $workloads[$key] = [pscustomobject]@{
            PSTypeName = 'K8sPS.Runbook.SecretConsumer'
            Kind = $kind; Name = $ownerName; Namespace = $ns; Pods = 0; Restarted = $false
        }
    }
    $workloads[$key].Pods++
}
if ($workloads.Count -eq 0) { Write-Verbose "no pod in namespace $ns uses secret $Name" }

# 3. Restart them (-WhatIf: a server dry run each, nothing restarted).
foreach ($w in $workloads.Values) {
    $change = Restart-K8sRollout $w.Name -Kind $w.Kind -Namespace $ns @common
    $w.Restarted = [bool]$change -and -not $WhatIfPreference
    if ($w.Restarted -and $Wait) {
        $null = Wait-K8sRollout $w.Name -Kind $w.Kind -Namespace $ns -Timeout ([TimeSpan]::FromSeconds($TimeoutSeconds)) @common
    }
    $w
}
