<#
    Helpers of the manifest scenarios (P2-1 ... A-PODPRESET): the notes' YAML as written (notes-yaml/), the
    corrected copies (examples/), and the checks every scenario makes: what kubectl apply makes of the same
    files, pods Running, services with endpoints, re-apply unchanged, removal by -Path leaving nothing.
    Import TestHelpers.psm1 first: it keeps everything on the test cluster.
#>
Set-StrictMode -Version Latest

$script:NotesFolder = Join-Path $PSScriptRoot 'notes-yaml'
$script:ExamplesFolder = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../../examples'))

# The notes' block of an example ID starting at a notes line, e.g. Get-NotesYaml P2-2 144.
function Get-NotesYaml([string] $Id, [int] $Line) { Join-Path $script:NotesFolder "$Id-$Line.yaml" }

function Get-ExampleFolder([string] $Id) { Join-Path $script:ExamplesFolder $Id }

# The YAML files of a corrected copy, e.g. Get-ExampleFiles P3-1: what each scenario applies, compares and removes.
function Get-ExampleFiles([string] $Id) { @(Get-ChildItem (Get-ExampleFolder $Id) -Filter *.yaml | ForEach-Object FullName) }

# How long the waits below allow by default; K8SPS_TEST_WAIT_SECONDS raises it on a slow machine.
function Get-TestWaitSeconds { if ($env:K8SPS_TEST_WAIT_SECONDS) { [int]$env:K8SPS_TEST_WAIT_SECONDS } else { 120 } }

# Set-K8sResource with its output, errors and warnings captured apart.
function Invoke-ApplyCapture {
    param([string[]] $Path, [string] $Namespace, [switch] $WhatIf)
    $errs = $null; $warns = $null
    $results = @(Set-K8sResource -Path $Path -Namespace $Namespace -WhatIf:$WhatIf -ErrorVariable errs -WarningVariable warns -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
    [pscustomobject]@{
        Results  = $results
        Errors   = @($errs | ForEach-Object { $_.ToString() })
        Warnings = @($warns | ForEach-Object { $_.ToString() })
        Actions  = @($results | ForEach-Object { $_.ToString() })
    }
}

# The kind/name of every document in these files (what -Path describes).
function Get-ManifestTargets([string[]] $Path) {
    ConvertFrom-K8sYaml -Path $Path | ForEach-Object { [pscustomobject]@{ Kind = $_.kind; Name = $_.metadata.name } }
}

# A server object for comparison: TestHelpers' comparable JSON, also without kubectl's last-applied annotation.
function Get-ComparableObject([string] $Namespace, [string] $Kind, [string] $Name) {
    $o = Invoke-TestKubectl -n $Namespace get $Kind $Name -Json
    $annotations = $o['metadata']['annotations']
    if ($annotations) {
        $annotations.Remove('kubectl.kubernetes.io/last-applied-configuration')
        # What the PV controller and provisioner write on a claim differs per claim (its own volume).
        foreach ($k in @($annotations.Keys | Where-Object { $_ -like 'pv.kubernetes.io/*' -or $_ -like 'volume.beta.kubernetes.io/storage-provisioner' })) { $annotations.Remove($k) }
        if ($annotations.Count -eq 0) { $o['metadata'].Remove('annotations') }
    }
    if ($o['kind'] -eq 'PersistentVolumeClaim' -and $o['spec']) { $o['spec'].Remove('volumeName') }
    $o | ConvertTo-ComparableJson
}

# Applies the files with kubectl into another namespace and lists every object that differs from ours.
function Compare-WithKubectlApply {
    param([string[]] $Path, [string] $Namespace, [string] $KubectlNamespace, [string[]] $SkipKind = @())
    $files = foreach ($p in $Path) { '-f'; $p }
    $null = Invoke-TestKubectl -n $KubectlNamespace apply @files
    foreach ($t in Get-ManifestTargets $Path) {
        if ($t.Kind -in $SkipKind) { continue }
        $ours = Get-ComparableObject $Namespace $t.Kind $t.Name
        $theirs = Get-ComparableObject $KubectlNamespace $t.Kind $t.Name
        if ($ours -ne $theirs) { "$($t.Kind)/$($t.Name):`n  ours:    $ours`n  kubectl: $theirs" }
    }
}

# Waits until $Count pods matching the selector are Running; returns them.
function Wait-PodsRunning([string] $Namespace, [string] $Selector, [int] $Count = 1, [int] $TimeoutSeconds = (Get-TestWaitSeconds)) {
    Wait-TestCondition -TimeoutSeconds $TimeoutSeconds -Because "$Count Running pod(s) with $Selector in $Namespace" -Condition {
        $pods = @((Invoke-TestKubectl -n $Namespace get pods -l $Selector -Json)['items'] | Where-Object { $_['status']['phase'] -eq 'Running' })
        if ($pods.Count -ge $Count) { , $pods }
    }
}

# Waits until the service has at least one ready endpoint address; returns the addresses.
function Wait-ServiceEndpoints([string] $Namespace, [string] $Service, [int] $TimeoutSeconds = (Get-TestWaitSeconds)) {
    Wait-TestCondition -TimeoutSeconds $TimeoutSeconds -Because "endpoints of service $Service in $Namespace" -Condition {
        $ep = Invoke-TestKubectl -n $Namespace get endpoints $Service -Json -AllowFailure
        if ($ep -is [hashtable] -and $ep['subsets']) {
            $addresses = @($ep['subsets'] | ForEach-Object { if ($_['addresses']) { $_['addresses'] } })
            if ($addresses.Count -gt 0) { , $addresses }
        }
    }
}

# Waits until the claim is Bound; returns it (spec.volumeName says to which volume).
function Wait-ClaimBound([string] $Namespace, [string] $Claim, [int] $TimeoutSeconds = (Get-TestWaitSeconds)) {
    Wait-TestCondition -TimeoutSeconds $TimeoutSeconds -Because "$Claim Bound" -Condition {
        $c = Invoke-TestKubectl -n $Namespace get pvc $Claim -Json
        if ($c['status']['phase'] -eq 'Bound') { $c }
    }
}

# Waits until none of the objects the files describe is left on the server.
function Wait-ManifestGone([string[]] $Path, [string] $Namespace, [int] $TimeoutSeconds = 60) {
    Wait-TestCondition -TimeoutSeconds $TimeoutSeconds -Because "the objects of $($Path -join ', ') to be gone" -Condition {
        $left = foreach ($t in Get-ManifestTargets $Path) {
            $r = Invoke-TestKubectl -n $Namespace get $t.Kind $t.Name -o name -AllowFailure
            if ("$r" -notmatch 'NotFound|not found') { "$($t.Kind)/$($t.Name)" }
        }
        -not $left
    }
}

# The standard checks of a corrected copy (examples/<ID>), one per It: the first apply created exactly these
# objects with no errors or warnings; re-applying says each is unchanged; removal by -Path leaves nothing.
function Assert-ExampleApplied($Result, $Created) {
    $Result.Errors | Should -BeNullOrEmpty
    $Result.Warnings | Should -BeNullOrEmpty
    $Result.Actions | Sort-Object | Should -Be ($Created | Sort-Object)
}

function Assert-ExampleReappliedUnchanged([string[]] $Path, [string] $Namespace, $Created) {
    $again = Invoke-ApplyCapture -Path $Path -Namespace $Namespace
    $again.Errors | Should -BeNullOrEmpty
    $again.Actions | Sort-Object | Should -Be ($Created -replace ' created$', ' unchanged' | Sort-Object)
}

function Assert-ExampleRemoved([string[]] $Path, [string] $Namespace) {
    Remove-K8sResource -Path $Path -Namespace $Namespace -ErrorAction Stop
    Wait-ManifestGone -Path $Path -Namespace $Namespace
}

Export-ModuleMember -Function Get-NotesYaml, Get-ExampleFolder, Get-ExampleFiles, Invoke-ApplyCapture, Get-ManifestTargets, Get-ComparableObject,
    Compare-WithKubectlApply, Wait-PodsRunning, Wait-ServiceEndpoints, Wait-ClaimBound, Wait-ManifestGone,
    Assert-ExampleApplied, Assert-ExampleReappliedUnchanged, Assert-ExampleRemoved
