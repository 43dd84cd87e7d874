<#
    Helpers of the pod lifecycle scenarios (B-LIVENESS, B-READINESS, B-LIFECYCLE, B-PODSTATE): test copies of the
    notes' corrected examples steered through the simulated kubelet's annotations (sim.k8sps.io/..., see
    src/K8sPS.LocalCluster/Simulator/README.md), and pods as kubectl get pods shows them. Import TestHelpers.psm1
    first: it keeps everything on the test cluster.
#>
Set-StrictMode -Version Latest

# A copy of a Deployment's manifest (in $Folder) whose pod template carries $Annotation: the example is left as it is.
function New-SteeredCopy([string] $Path, [hashtable] $Annotation, [string] $Folder) {
    $text = (Get-Content -Raw -LiteralPath $Path) -replace "`r`n", "`n"
    $marker = "  template:`n    metadata:`n"
    if (-not $text.Contains($marker)) { throw "$Path has no pod template metadata to annotate" }
    $lines = foreach ($key in $Annotation.Keys | Sort-Object) { "        ${key}: `"$($Annotation[$key])`"" }
    $steered = $text.Replace($marker, $marker + "      annotations:`n" + ($lines -join "`n") + "`n")
    $copy = Join-Path $Folder ("steered-" + [IO.Path]::GetFileName($Path))
    Set-Content -LiteralPath $copy -Value $steered -NoNewline
    $copy
}

# kubectl get pods' rows (NAME, READY, STATUS, RESTARTS as a number) for the selector.
function Get-KubectlPodRows([string] $Namespace, [string] $Selector) {
    foreach ($line in @(Invoke-TestKubectl -n $Namespace get pods -l $Selector --no-headers)) {
        $f = -split "$line"
        if ($f.Count -lt 4) { continue }
        [pscustomobject]@{ Name = $f[0]; Ready = $f[1]; Status = $f[2]; Restarts = [int]$f[3] }
    }
}

# Get-K8sPod's view of the same pods, read between two kubectl reads that agree (pods change as they restart):
# returns both, or throws when kubectl never read the same twice.
function Get-StablePodRows([string] $Namespace, [string] $Selector) {
    for ($i = 0; $i -lt 10; $i++) {
        $before = @(Get-KubectlPodRows $Namespace $Selector)
        $ours = @(Get-K8sPod -Namespace $Namespace -Selector $Selector | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Ready = $_.Ready; Status = $_.State; Restarts = $_.Restarts } })
        $after = @(Get-KubectlPodRows $Namespace $Selector)
        if (($before | ConvertTo-Json -Compress) -eq ($after | ConvertTo-Json -Compress)) { return [pscustomobject]@{ Kubectl = $after; K8sPS = $ours } }
        Start-Sleep -Milliseconds 300
    }
    throw "kubectl get pods -l $Selector never read the same twice"
}

function ConvertTo-Time($Value) { [DateTimeOffset]::Parse("$Value", [Globalization.CultureInfo]::InvariantCulture) }

Export-ModuleMember -Function New-SteeredCopy, Get-KubectlPodRows, Get-StablePodRows, ConvertTo-Time
