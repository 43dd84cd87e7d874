<#
.SYNOPSIS
    Bulk throughput beside kubectl and a raw client, and the 10,000-case fuzz run; writes out/bench/report.md and
    out/bench/throughput.svg and returns the figures and ratios for Invoke-Bench's table.
.DESCRIPTION
    Creates of 500 ConfigMaps by server-side apply, at 1, 4, 16 and 64 requests in flight, each into a namespace of
    its own, the three tools in turn at each concurrency (the shared machine's load drifts):
      - K8sPS: Set-K8sResource -Path <file of 500> -ThrottleLimit N, in one warm session;
      - kubectl: N `kubectl apply --server-side -f <part>` processes at once, the file split in N parts (kubectl
        applies the objects of one file one after another, so its concurrency is processes);
      - raw client: one HttpClient (HTTP/1.1, the kubeconfig's certificate), N PATCH application/apply-patch+yaml
        requests in flight, the same bodies.
    Then the fuzzer's 10,000 cases (tests/pester/Fuzz/FuzzCases.ps1: the xunit YamlMutator over the notes' and
    examples' YAML) through ConvertFrom-K8sYaml and Test-K8sManifest, reporting cases per second and crashes.
    The plot is made by OxyPlot (tools/BenchPlot) from the same run's figures.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $Kubeconfig,
    [string] $Context,
    [switch] $PassThru,
    [int] $Objects = 500,
    [int[]] $Concurrency = @(1, 4, 16, 64),
    [int] $FuzzCases = 10000
)
$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path $ModulePath).Path
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$outDir = Join-Path $root 'out/bench'
$null = New-Item -ItemType Directory -Force -Path $outDir
$work = Join-Path ([IO.Path]::GetTempPath()) "k8sps-bulk-bench-$PID"
$null = New-Item -ItemType Directory -Force -Path $work
$results = [Collections.Generic.List[object]]::new()
function Add-Result([string] $Name, [double] $Value, [string] $Unit, [string] $Note = '') {
    $results.Add([pscustomobject]@{ Name = $Name; Value = [math]::Round($Value, 2); Unit = $Unit; Note = $Note })
}
$rows = [Collections.Generic.List[object]]::new()
$load = { if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { 'n/a' } }
$loadAtStart = & $load

if (-not ('K8sPSBench.RawApply' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
namespace K8sPSBench {
    public static class RawApply {
        // Server-side applies of bodies[i] to urls[i], at most `concurrency` in flight; the seconds taken.
        public static double Run(HttpClient client, string[] urls, string[] bodies, int concurrency) {
            var gate = new SemaphoreSlim(concurrency);
            var clock = Stopwatch.StartNew();
            var tasks = new Task[urls.Length];
            for (var i = 0; i < urls.Length; i++) tasks[i] = One(client, gate, urls[i], bodies[i]);
            Task.WaitAll(tasks);
            return clock.Elapsed.TotalSeconds;
        }
        private static async Task One(HttpClient client, SemaphoreSlim gate, string url, string body) {
            await gate.WaitAsync().ConfigureAwait(false);
            try {
                using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml");
                using var response = await client.SendAsync(request).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
            } finally { gate.Release(); }
        }
    }
}
'@
}

$startedCluster = $null
$kube = @()
$namespaces = [Collections.Generic.List[string]]::new()
$callerKubeconfig = $env:KUBECONFIG
try {
    Import-Module $ModulePath -Force
    if (-not $Kubeconfig) {
        $startedCluster = 'k8sps-bench-bulk'
        $Kubeconfig = Join-Path $work 'kubeconfig'
        Write-Host "==> starting local cluster '$startedCluster'" -ForegroundColor Cyan
        Start-K8sLocalCluster -Name $startedCluster -NodeCount 1 -KubeconfigPath $Kubeconfig | Out-Null
    }
    $Kubeconfig = (Resolve-Path $Kubeconfig).Path
    $env:KUBECONFIG = $Kubeconfig
    if (-not $Context) { $Context = (& kubectl --kubeconfig $Kubeconfig config current-context) }
    $kube = @('--kubeconfig', $Kubeconfig, '--context', $Context)

    # The raw client: the kubeconfig's server, CA and client certificate, nothing else.
    $view = (& kubectl @kube config view --raw --minify -o json) -join "`n" | ConvertFrom-Json
    $cluster = $view.clusters[0].cluster
    $user = $view.users[0].user
    $handler = [Net.Http.SocketsHttpHandler]::new()
    $ssl = [Net.Security.SslClientAuthenticationOptions]::new()
    $certPem = [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String($user.'client-certificate-data'))
    $keyPem = [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String($user.'client-key-data'))
    $ssl.ClientCertificates = [Security.Cryptography.X509Certificates.X509CertificateCollection]::new()
    $null = $ssl.ClientCertificates.Add([Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem($certPem, $keyPem))
    $ca = [Security.Cryptography.X509Certificates.X509Certificate2]::new([Convert]::FromBase64String($cluster.'certificate-authority-data'))
    $ssl.CertificateChainPolicy = [Security.Cryptography.X509Certificates.X509ChainPolicy]::new()
    $ssl.CertificateChainPolicy.TrustMode = 'CustomRootTrust'
    $ssl.CertificateChainPolicy.RevocationMode = 'NoCheck'
    $null = $ssl.CertificateChainPolicy.CustomTrustStore.Add($ca)
    $handler.SslOptions = $ssl
    $client = [Net.Http.HttpClient]::new($handler)
    $server = $cluster.server.TrimEnd('/')

    function New-Namespace([string] $Prefix) {
        $name = '{0}-{1}' -f $Prefix, [guid]::NewGuid().ToString('N').Substring(0, 6)
        $null = & kubectl @kube create namespace $name
        $namespaces.Add($name)
        $name
    }
    # One ConfigMap as YAML (kubectl reads a multi-document file of YAML, not of JSON); the same text is the raw client's body.
    function Get-Body([string] $Namespace, [int] $I) {
        "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: cm-$I`n  namespace: $Namespace`ndata:`n  index: `"$I`""
    }
    function Assert-Count([string] $Namespace) {
        $n = @(& kubectl @kube get configmaps -n $Namespace -o name | Where-Object { $_ -like '*/cm-*' }).Count
        if ($n -ne $Objects) { throw "$Namespace has $n ConfigMaps, not $Objects" }
    }

    # Warm each tool once (connections, JIT, kubectl's discovery cache), outside the figures.
    $warm = New-Namespace 'bulk-warm'
    $warmFile = Join-Path $work 'warm.yaml'
    Set-Content $warmFile ((1..20 | ForEach-Object { Get-Body $warm $_ }) -join "`n---`n")
    $null = Set-K8sResource -Path $warmFile -Context $Context
    $null = & kubectl @kube apply --server-side -f $warmFile
    $null = [K8sPSBench.RawApply]::Run($client, [string[]] @("$server/api/v1/namespaces/$warm/configmaps/cm-1?fieldManager=bench&force=true"), [string[]] @(Get-Body $warm 1), 1)

    foreach ($c in $Concurrency) {
        Write-Host "==> $Objects ConfigMaps by server-side apply, $c in flight: K8sPS, kubectl, raw client" -ForegroundColor Cyan
        # K8sPS
        $ns = New-Namespace "bulk-k8sps-$c"
        $file = Join-Path $work "k8sps-$c.yaml"
        Set-Content $file ((1..$Objects | ForEach-Object { Get-Body $ns $_ }) -join "`n---`n")
        $seconds = (Measure-Command { $null = Set-K8sResource -Path $file -Context $Context -ThrottleLimit $c }).TotalSeconds
        Assert-Count $ns
        $rows.Add([pscustomobject]@{ Tool = 'K8sPS'; Concurrency = $c; PerSecond = $Objects / $seconds })

        # kubectl: $c processes, each one apply of its share of the objects.
        $ns = New-Namespace "bulk-kubectl-$c"
        $parts = foreach ($p in 0..($c - 1)) {
            $part = Join-Path $work "kubectl-$c-$p.yaml"
            $mine = for ($i = 1 + $p; $i -le $Objects; $i += $c) { Get-Body $ns $i }
            Set-Content $part ($mine -join "`n---`n")
            $part
        }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $processes = foreach ($part in $parts) {
            $info = [Diagnostics.ProcessStartInfo]::new('kubectl')
            foreach ($a in @($kube + @('apply', '--server-side', '-f', $part))) { $info.ArgumentList.Add($a) }
            $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true; $info.UseShellExecute = $false
            $proc = [Diagnostics.Process]::Start($info)
            [pscustomobject]@{ Process = $proc; Out = $proc.StandardOutput.ReadToEndAsync(); Err = $proc.StandardError.ReadToEndAsync() }
        }
        foreach ($p in $processes) {
            $p.Process.WaitForExit()
            if ($p.Process.ExitCode -ne 0) { throw "kubectl apply failed: $($p.Err.Result)" }
        }
        $seconds = $clock.Elapsed.TotalSeconds
        Assert-Count $ns
        $rows.Add([pscustomobject]@{ Tool = 'kubectl'; Concurrency = $c; PerSecond = $Objects / $seconds })

        # raw client
        $ns = New-Namespace "bulk-raw-$c"
        $urls = [string[]] (1..$Objects | ForEach-Object { "$server/api/v1/namespaces/$ns/configmaps/cm-$($_)?fieldManager=bench&force=true" })
        $bodies = [string[]] (1..$Objects | ForEach-Object { Get-Body $ns $_ })
        $seconds = [K8sPSBench.RawApply]::Run($client, $urls, $bodies, $c)
        Assert-Count $ns
        $rows.Add([pscustomobject]@{ Tool = 'raw client'; Concurrency = $c; PerSecond = $Objects / $seconds })

        # Each namespace goes once measured: 64 x 500 objects left in etcd would slow what follows.
        foreach ($done in @($namespaces)) { $null = & kubectl @kube delete namespace $done --wait=false 2>&1 }
        $namespaces.Clear()
    }
    $client.Dispose()
} catch {
    Add-Result 'throughput: failed' 0 '' "$_"
} finally {
    foreach ($done in @($namespaces)) { $null = & kubectl @kube delete namespace $done --wait=false 2>&1 }
    if ($startedCluster) { Stop-K8sLocalCluster -Name $startedCluster -Remove -ErrorAction Continue | Out-Null }
    $env:KUBECONFIG = $callerKubeconfig
}

foreach ($r in $rows) { Add-Result "create $Objects ConfigMaps (server-side apply), $($r.Tool), $($r.Concurrency) in flight" $r.PerSecond 'objects/s' }
$ratios = foreach ($c in $Concurrency) {
    $ours = $rows | Where-Object { $_.Tool -eq 'K8sPS' -and $_.Concurrency -eq $c }
    $kubectl = $rows | Where-Object { $_.Tool -eq 'kubectl' -and $_.Concurrency -eq $c }
    $raw = $rows | Where-Object { $_.Tool -eq 'raw client' -and $_.Concurrency -eq $c }
    if (-not ($ours -and $kubectl -and $raw)) { continue }
    $row = [pscustomobject]@{ Concurrency = $c; VsKubectl = $ours.PerSecond / $kubectl.PerSecond; VsRaw = $ours.PerSecond / $raw.PerSecond }
    Add-Result "K8sPS / kubectl, create $Objects, $c in flight" $row.VsKubectl 'x' 'goal: >= 5'
    Add-Result "K8sPS / raw client, create $Objects, $c in flight" $row.VsRaw 'x' $(if ($c -ge 16) { 'goal: >= 0.8' } else { '' })
    $row
}

# The fuzz run: the same cases as Fuzz.Tests.ps1, many more of them, through the cmdlets that need no server.
$fuzz = $null
try {
    Write-Host "==> fuzz: $FuzzCases cases through ConvertFrom-K8sYaml and Test-K8sManifest" -ForegroundColor Cyan
    . (Join-Path $root 'tests/pester/Fuzz/FuzzCases.ps1')
    $type = Get-YamlMutatorType -RepoRoot $root
    $files = New-FuzzCaseFile -MutatorType $type -Seed 20261201 -Count $FuzzCases -RepoRoot $root -Directory (Join-Path $work 'fuzz')
    # No cluster: Test-K8sManifest checks against its built-in schema, nothing is sent.
    $env:KUBECONFIG = Join-Path $work 'no-kubeconfig'
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $fuzz = Invoke-FuzzCase -Files $files -Commands 'ConvertFrom-K8sYaml', 'Test-K8sManifest' -ModulePath $ModulePath -TimeoutSeconds 3600
    $fuzzSeconds = $clock.Elapsed.TotalSeconds
    $env:KUBECONFIG = $callerKubeconfig
    Add-Result 'fuzz: cases through ConvertFrom-K8sYaml and Test-K8sManifest' $FuzzCases 'cases' "$([math]::Round($fuzzSeconds, 1)) s"
    Add-Result 'fuzz: cases per second' ($FuzzCases / $fuzzSeconds) 'cases/s'
    Add-Result 'fuzz: crashes, hangs and errors without a file and line' (@($fuzz.Problems).Count + [int](-not $fuzz.Finished)) '' 'goal: 0'
} catch {
    $env:KUBECONFIG = $callerKubeconfig
    Add-Result 'fuzz: failed' 0 '' "$_"
}

# The plot, by OxyPlot, from this run's figures.
$csv = Join-Path $outDir 'throughput.csv'
$svg = Join-Path $outDir 'throughput.svg'
@('tool,concurrency,per_second') + @($rows | ForEach-Object { '{0},{1},{2}' -f $_.Tool, $_.Concurrency, ([double]$_.PerSecond).ToString('0.0', [Globalization.CultureInfo]::InvariantCulture) }) | Set-Content $csv
$plotted = $false
if ($rows.Count) {
    & dotnet run --project (Join-Path $root 'tools/BenchPlot') -c Release -v q -- $csv $svg "Create $Objects ConfigMaps (server-side apply)" | Out-Host
    $plotted = $LASTEXITCODE -eq 0
}

$md = [Text.StringBuilder]::new()
$null = $md.AppendLine('# K8sPS bulk bench').AppendLine()
$null = $md.AppendLine("Run $(Get-Date -Format u) on $([Environment]::ProcessorCount) cores; load average $loadAtStart at start, $(& $load) at end.").AppendLine()
$null = $md.AppendLine("## Create $Objects ConfigMaps by server-side apply").AppendLine()
$null = $md.AppendLine('K8sPS: `Set-K8sResource -Path <file> -ThrottleLimit N` in a warm session. kubectl: N `kubectl apply --server-side -f <part>` processes at once, the file split in N parts (one kubectl applies one object after another). Raw client: one HttpClient, N PATCH requests (application/apply-patch+yaml) in flight. Each run into an empty namespace of its own; the three in turn at each concurrency.').AppendLine()
$null = $md.AppendLine('| in flight | K8sPS (objects/s) | kubectl (objects/s) | raw client (objects/s) | K8sPS / kubectl | K8sPS / raw |')
$null = $md.AppendLine('|---:|---:|---:|---:|---:|---:|')
foreach ($r in $ratios) {
    $f = { param($tool) '{0:0}' -f ($rows | Where-Object { $_.Tool -eq $tool -and $_.Concurrency -eq $r.Concurrency }).PerSecond }
    $null = $md.AppendLine(('| {0} | {1} | {2} | {3} | {4:0.00}x | {5:0.00}x |' -f $r.Concurrency, (& $f 'K8sPS'), (& $f 'kubectl'), (& $f 'raw client'), $r.VsKubectl, $r.VsRaw))
}
$null = $md.AppendLine()
if ($plotted) { $null = $md.AppendLine('![throughput versus concurrency](throughput.svg)').AppendLine() }
$null = $md.AppendLine('## Fuzz').AppendLine()
if ($fuzz) {
    $null = $md.AppendLine("$FuzzCases cases (seed 20261201, the xunit YamlMutator over the notes' and examples' YAML) through ConvertFrom-K8sYaml and Test-K8sManifest in $([math]::Round($fuzzSeconds, 1)) s: $([math]::Round($FuzzCases / $fuzzSeconds, 1)) cases/s; $($fuzz.ErrorRecords) ErrorRecords, $($fuzz.Objects) objects; crashes, hangs and errors without a file and line: $(@($fuzz.Problems).Count + [int](-not $fuzz.Finished)).")
    foreach ($p in @($fuzz.Problems) | Select-Object -First 20) { $null = $md.AppendLine("- $p") }
} else { $null = $md.AppendLine('Not run (see the results table).') }
$null = $md.AppendLine().AppendLine('## All figures').AppendLine()
$null = $md.AppendLine('| what | value | unit | note |').AppendLine('|---|---:|---|---|')
foreach ($r in $results) { $null = $md.AppendLine("| $($r.Name) | $($r.Value) | $($r.Unit) | $($r.Note) |") }
$report = Join-Path $outDir 'report.md'
Set-Content $report $md.ToString()
Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue

Write-Host "==> bulk bench ratios (report: $report$(if ($plotted) { ", plot: $svg" }))" -ForegroundColor Cyan
foreach ($r in $ratios) { Write-Host ('  {0,3} in flight: K8sPS / kubectl {1:0.00}x, K8sPS / raw client {2:0.00}x' -f $r.Concurrency, $r.VsKubectl, $r.VsRaw) }
$results
