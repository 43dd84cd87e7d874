<#
    Helpers of the notes' scenarios added after the manifest ones (B-LABELS ... A-DAEMONSET): pod conditions and
    container states as a user reads them with kubectl, and the check that no secret value leaks into K8sPS's
    text. Import TestHelpers.psm1 first: it keeps everything on the test cluster.
#>
Set-StrictMode -Version Latest

$script:DefaultWait = $(if ($env:K8SPS_TEST_WAIT_SECONDS) { [int]$env:K8SPS_TEST_WAIT_SECONDS } else { 120 })

# The pods matching the selector, as kubectl -o json gives them.
function Get-TestPods([string] $Namespace, [string] $Selector) {
    @((Invoke-TestKubectl -n $Namespace get pods -l $Selector -Json)['items'])
}

# A pod condition (Ready, PodScheduled...) as a hashtable, or $null.
function Get-PodCondition([hashtable] $Pod, [string] $Type) {
    if (-not $Pod['status']['conditions']) { return $null }
    @($Pod['status']['conditions'] | Where-Object { $_['type'] -eq $Type }) | Select-Object -First 1
}

# Waits until $Count pods matching the selector are Running with condition Ready=True; returns them.
function Wait-PodsReady([string] $Namespace, [string] $Selector, [int] $Count = 1, [int] $TimeoutSeconds = $script:DefaultWait) {
    Wait-TestCondition -TimeoutSeconds $TimeoutSeconds -Because "$Count Running and Ready pod(s) with $Selector in $Namespace" -Condition {
        $ready = @(Get-TestPods $Namespace $Selector | Where-Object {
                $c = Get-PodCondition $_ 'Ready'
                $_['status']['phase'] -eq 'Running' -and $c -and $c['status'] -eq 'True'
            })
        if ($ready.Count -ge $Count) { , $ready }
    }
}

# Everything a K8sPS command writes, as the user sees it: default formatting of the output, errors, warnings
# and information, and what goes to the host only (the "What if:" lines of -WhatIf, through a transcript),
# in one string. Used to assert that no secret value appears in it.
function Get-K8sCommandText([scriptblock] $Command) {
    $transcript = [IO.Path]::Combine([IO.Path]::GetTempPath(), "k8sps-text-$([guid]::NewGuid().ToString('N')).txt")
    $null = Start-Transcript -LiteralPath $transcript -UseMinimalHeader
    try { $streams = & $Command *>&1 | Out-String -Width 400 }
    finally {
        $null = Stop-Transcript
        $hostText = Get-Content -Raw -LiteralPath $transcript -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $transcript -ErrorAction SilentlyContinue
    }
    "$streams`n$hostText"
}

# The secret values, plain and base64-encoded, that appear in the text (nothing if none).
function Find-SecretValue([string] $Text, [string[]] $Value) {
    foreach ($v in $Value) {
        $b64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($v))
        foreach ($form in $v, $b64) { if ($Text.Contains($form)) { $form } }
    }
}

# Waits until the scheduler has left a pod matching the selector Pending (PodScheduled False, Unschedulable) and
# written its FailedScheduling event, as kubectl get events shows it; returns the pod, its condition and the event.
function Wait-Unschedulable([string] $Namespace, [string] $Selector, [int] $TimeoutSeconds = $script:DefaultWait) {
    Wait-TestCondition -TimeoutSeconds $TimeoutSeconds -Because "a Pending, Unschedulable pod with $Selector in $Namespace and its FailedScheduling event" -Condition {
        foreach ($p in Get-TestPods $Namespace $Selector) {
            $c = Get-PodCondition $p 'PodScheduled'
            if (-not $c -or $c['status'] -ne 'False' -or $c['reason'] -ne 'Unschedulable') { continue }
            $name = $p['metadata']['name']
            $events = @((Invoke-TestKubectl -n $Namespace get events --field-selector "involvedObject.name=$name,reason=FailedScheduling" -Json)['items'])
            if ($events.Count -gt 0) { return [pscustomobject]@{ Pod = $p; Condition = $c; Event = $events[-1] } }
        }
    }
}

Export-ModuleMember -Function Get-TestPods, Get-PodCondition, Wait-PodsReady, Get-K8sCommandText, Find-SecretValue, Wait-Unschedulable
