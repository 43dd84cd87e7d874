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
    Then, at each -InFlight (16 and 64), create (New-K8sConfigMap, POST), re-apply (Set-K8sResource), label
    (Set-K8sResourceLabel -All) and remove (Remove-K8sResource -Path) of 500 and of 5,000 ConfigMaps beside the raw client's
    POST / PATCH / merge PATCH / DELETE at the same concurrency, and beside kubectl create -f / apply --server-side -f /
    label --all / delete -f (one process, one object after another: kubectl has no concurrency of its own, so it runs once
    per size and stands beside each concurrency); with the CPU per object of K8sPS and of the raw client (both run in
    this process: the process's CPU time over the operation), which moves less with the apiserver's hiccups than
    objects/s; and a list of 10,000 beside one
    of 500: time for the three tools, K8sPS's peak memory (VmHWM of a fresh pwsh) and the pages read by
    `Select-Object -First 5`.
    Each tool does each of these operations once on 50 objects before the measured runs (JIT, connections), and lists
    each namespace once before its list is timed; each
    measurement starts once the namespaces measured before it are gone (their objects are deleted by the namespace
    controller, which would otherwise share the apiserver with the next tool).
    K8sPS and the raw client run -Rounds times at each size, taking turns (the one that went first goes last in the
    next round), and their median is the figure, lists included: at 500 a run takes under a second, and at 5,000 two
    runs of the same build, one after the other, gave create 1.04x and 0.73x raw. kubectl's runs are long: it runs once.
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
    # Create (POST), re-apply, label and remove, at each -InFlight, of each of these many ConfigMaps.
    [int[]] $Sizes = @(500, 5000),
    [int[]] $InFlight = @(16, 64),
    # One run moves with one hiccup: K8sPS and the raw client run this many times, taking turns, and the median counts.
    # kubectl's runs are long enough as they are.
    [int] $Rounds = 5,
    # The long list (and a short one of $Objects beside it) for time and peak memory.
    [int] $ListSize = 10000,
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
$opRows = [Collections.Generic.List[object]]::new()   # operation, objects, tool, objects/s
$peakMemory = @{}                                      # list size -> MiB
$firstFivePages = $null
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
    public static class RawSend {
        // bodies[i] (or none) sent with `method` to urls[i], at most `concurrency` in flight; the seconds taken.
        public static double Run(HttpClient client, string method, string contentType, string[] urls, string[] bodies, int concurrency) {
            var gate = new SemaphoreSlim(concurrency);
            var clock = Stopwatch.StartNew();
            var tasks = new Task[urls.Length];
            for (var i = 0; i < urls.Length; i++) tasks[i] = One(client, gate, new HttpMethod(method), contentType, urls[i], bodies == null ? null : bodies[i]);
            Task.WaitAll(tasks);
            return clock.Elapsed.TotalSeconds;
        }
        private static async Task One(HttpClient client, SemaphoreSlim gate, HttpMethod method, string contentType, string url, string body) {
            await gate.WaitAsync().ConfigureAwait(false);
            try {
                using var request = new HttpRequestMessage(method, url);
                if (body != null) {
                    request.Content = new StringContent(body);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                }
                using var response = await client.SendAsync(request).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
            } finally { gate.Release(); }
        }
        // Every page of a list (limit 500, continue); the number of objects.
        public static int List(HttpClient client, string url) {
            var count = 0;
            string next = null;
            do {
                var json = client.GetStringAsync(url + "?limit=500" + (next == null ? "" : "&continue=" + Uri.EscapeDataString(next))).GetAwaiter().GetResult();
                using var doc = System.Text.Json.JsonDocument.Parse(json);
                count += doc.RootElement.GetProperty("items").GetArrayLength();
                next = doc.RootElement.GetProperty("metadata").TryGetProperty("continue", out var c) ? c.GetString() : null;
            } while (!string.IsNullOrEmpty(next));
            return count;
        }
    }
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
    # Invoke-TestPwsh: a fresh pwsh started the way the tests start one.
    Import-Module (Join-Path $root 'tests/pester/TestHelpers.psm1') -Function Invoke-TestPwsh
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
    # Deletes the measured namespaces and waits until they are gone: the namespace controller deletes what is left in
    # them, and the next measurement must not share the apiserver with that.
    function Remove-MeasuredNamespaces {
        if ($namespaces.Count -eq 0) { return }
        $out = & kubectl @kube delete namespace @($namespaces) --timeout=300s 2>&1
        if ($LASTEXITCODE -ne 0) { throw "kubectl delete namespace $($namespaces -join ' ') failed: $($out | Select-Object -Last 3)" }
        $namespaces.Clear()
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
        Remove-MeasuredNamespaces
    }

    # Create, re-apply, label and remove of $Sizes ConfigMaps at each -InFlight: each tool in a namespace of its own.
    $me = [Diagnostics.Process]::GetCurrentProcess()
    # The seconds $Work took and the CPU seconds this process spent meanwhile (K8sPS and the raw client run in it).
    function Measure-Work([scriptblock] $Work) {
        # The garbage of what came before (the inputs made for this run) is not this work's CPU.
        [GC]::Collect(); [GC]::WaitForPendingFinalizers()
        $me.Refresh(); $cpu = $me.TotalProcessorTime
        $seconds = (Measure-Command { & $Work | Out-Null }).TotalSeconds
        $me.Refresh()
        [pscustomobject]@{ Seconds = $seconds; Cpu = ($me.TotalProcessorTime - $cpu).TotalSeconds }
    }
    function Invoke-Kubectl([string[]] $Arguments) {
        $out = & kubectl @kube @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "kubectl $($Arguments -join ' ') failed: $($out | Select-Object -Last 3)" }
    }
    $canLabel = [bool](Get-Command Set-K8sResourceLabel -ErrorAction SilentlyContinue)
    # What each operation took (Measure-Work) for $Tool on $N ConfigMaps with $C in flight, in a namespace of its own;
    # checks that all of them went.
    function Measure-Operations([string] $Tool, [int] $N, [int] $C) {
        $ns = New-Namespace "ops-$(($Tool -replace '\W', '').ToLowerInvariant())-$N-$C"
        $file = Join-Path $work "ops-$ns.yaml"
        Set-Content $file ((1..$N | ForEach-Object { Get-Body $ns $_ }) -join "`n---`n")
        $items = [string[]] @(1..$N | ForEach-Object { "$server/api/v1/namespaces/$ns/configmaps/cm-$_" })
        $taken = [ordered]@{}
        switch ($Tool) {
            'K8sPS' {
                # The piped objects are made before the clock starts, as the raw client's bodies are.
                $inputs = @(1..$N | ForEach-Object { [pscustomobject]@{ Name = "cm-$_"; Namespace = $ns } })
                $taken.create = Measure-Work { $inputs | New-K8sConfigMap -FromLiteral @{ index = 'created' } -Context $Context -ThrottleLimit $C }
                $taken.'re-apply' = Measure-Work { Set-K8sResource -Path $file -Context $Context -ThrottleLimit $C -Force }
                if ($canLabel) { $taken.label = Measure-Work { Set-K8sResourceLabel configmaps -All -Namespace $ns -Label @{ bench = 'yes' } -Context $Context -ThrottleLimit $C } }
                $taken.remove = Measure-Work { Remove-K8sResource -Path $file -Context $Context -ThrottleLimit $C }
            }
            'kubectl' {
                $createFile = Join-Path $work "create-$ns.yaml"
                Set-Content $createFile ((1..$N | ForEach-Object { "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: cm-$_`n  namespace: $ns`ndata:`n  index: created" }) -join "`n---`n")
                $taken.create = Measure-Work { Invoke-Kubectl @('create', '-f', $createFile) }
                $taken.'re-apply' = Measure-Work { Invoke-Kubectl @('apply', '--server-side', '--force-conflicts', '-f', $file) }
                $taken.label = Measure-Work { Invoke-Kubectl @('label', 'configmaps', '--all', '-n', $ns, 'bench=yes') }
                # kubectl delete -f waits for each object in turn (about 100 s per 500 here): at 5,000, --wait=false.
                $taken.remove = Measure-Work { Invoke-Kubectl (@('delete', '-f', $file) + $(if ($N -gt 500) { @('--wait=false') } else { @() })) }
            }
            'raw client' {
                # Every URL and body is made before the clock starts.
                $posts = [string[]] @(1..$N | ForEach-Object { "{`"apiVersion`":`"v1`",`"kind`":`"ConfigMap`",`"metadata`":{`"name`":`"cm-$_`"},`"data`":{`"index`":`"created`"}}" })
                $collection = [string[]] @(1..$N | ForEach-Object { "$server/api/v1/namespaces/$ns/configmaps" })
                $applies = [string[]] @($items | ForEach-Object { "$($_)?fieldManager=bench&force=true" })
                $yaml = [string[]] @(1..$N | ForEach-Object { Get-Body $ns $_ })
                $labels = [string[]] @($items | ForEach-Object { '{"metadata":{"labels":{"bench":"yes"}}}' })
                $deletes = [string[]] @($items | ForEach-Object { '{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}' })
                $taken.create = Measure-Work { [K8sPSBench.RawSend]::Run($client, 'POST', 'application/json', $collection, $posts, $C) }
                $taken.'re-apply' = Measure-Work { [K8sPSBench.RawSend]::Run($client, 'PATCH', 'application/apply-patch+yaml', $applies, $yaml, $C) }
                $taken.label = Measure-Work { [K8sPSBench.RawSend]::Run($client, 'PATCH', 'application/merge-patch+json', $items, $labels, $C) }
                $taken.remove = Measure-Work { [K8sPSBench.RawSend]::Run($client, 'DELETE', 'application/json', $items, $deletes, $C) }
            }
        }
        # What was measured happened: nothing of cm-* is left.
        $left = @(& kubectl @kube get configmaps -n $ns -o name | Where-Object { $_ -like '*/cm-*' }).Count
        if ($left -ne 0 -and -not ($Tool -eq 'kubectl' -and $N -gt 500)) { throw "$Tool left $left ConfigMaps in $ns" }
        $taken
    }
    function Get-Median([double[]] $Values) { $sorted = @($Values | Sort-Object); $sorted[[math]::Floor($sorted.Count / 2)] }
    # Each tool does each operation once on a few objects first (JIT, connections), outside the figures.
    foreach ($tool in 'K8sPS', 'kubectl', 'raw client') { $null = Measure-Operations $tool 50 $InFlight[0] }
    Remove-MeasuredNamespaces
    foreach ($n in $Sizes) {
        # kubectl has no concurrency of its own: one run per size stands beside each concurrency.
        Write-Host "==> create, re-apply, label and remove of $n ConfigMaps: kubectl, one process" -ForegroundColor Cyan
        $kubectlTaken = Measure-Operations 'kubectl' $n 1
        Remove-MeasuredNamespaces
        foreach ($c in $InFlight) {
            $turns = [math]::Max(1, $Rounds)
            Write-Host "==> create, re-apply, label and remove of $n ConfigMaps, $c in flight: K8sPS, raw client ($turns round(s))" -ForegroundColor Cyan
            $rates = @{} # "tool/operation" -> objects/s of each round
            $cpus = @{}  # "tool/operation" -> CPU ms per object of each round
            foreach ($turn in 1..$turns) {
                # Whoever goes first meets the apiserver just after the namespaces before it were deleted: the order turns.
                $order = if ($turn % 2) { 'K8sPS', 'raw client' } else { 'raw client', 'K8sPS' }
                foreach ($tool in $order) {
                    $taken = Measure-Operations $tool $n $c
                    foreach ($op in $taken.Keys) {
                        $rates["$tool/$op"] += @($n / $taken[$op].Seconds)
                        $cpus["$tool/$op"] += @(1000 * $taken[$op].Cpu / $n)
                    }
                }
                Remove-MeasuredNamespaces
            }
            foreach ($key in $rates.Keys) {
                $tool, $op = $key -split '/', 2
                $opRows.Add([pscustomobject]@{ Operation = $op; Objects = $n; InFlight = $c; Tool = $tool; PerSecond = Get-Median $rates[$key]; CpuMs = Get-Median $cpus[$key]; Rounds = $rates[$key] })
            }
            foreach ($op in $kubectlTaken.Keys) {
                $opRows.Add([pscustomobject]@{ Operation = $op; Objects = $n; InFlight = $c; Tool = 'kubectl'; PerSecond = $n / $kubectlTaken[$op].Seconds; CpuMs = $null; Rounds = $null })
            }
        }
    }

    # A list of $ListSize beside one of $Objects: time for each tool, K8sPS's peak memory in a fresh pwsh, and the pages
    # read by Select-Object -First 5.
    Write-Host "==> list of $ListSize and of $Objects ConfigMaps: K8sPS, kubectl, raw client; peak memory; Select-Object -First 5" -ForegroundColor Cyan
    foreach ($size in $ListSize, $Objects) {
        $ns = New-Namespace "list-$size"
        $null = [K8sPSBench.RawSend]::Run($client, 'POST', 'application/json', [string[]] @(1..$size | ForEach-Object { "$server/api/v1/namespaces/$ns/configmaps" }),
            [string[]] (1..$size | ForEach-Object { "{`"apiVersion`":`"v1`",`"kind`":`"ConfigMap`",`"metadata`":{`"name`":`"cm-$_`"},`"data`":{`"index`":`"$_`",`"payload`":`"$('x' * 200)`"}}" }), 64)
        $list = @{
            'K8sPS' = { Get-K8sResource configmaps -Namespace $ns -Context $Context | Measure-Object }
            'raw client' = { [K8sPSBench.RawSend]::List($client, "$server/api/v1/namespaces/$ns/configmaps") }
        }
        # A first list of its own before the clock: a single cold run measured the JIT of the list path, not the list.
        foreach ($tool in $list.Keys) { $null = & $list[$tool] }
        $kubectl = (Measure-Work { Invoke-Kubectl @('get', 'configmaps', '-n', $ns, '-o', 'name') }).Seconds
        $opRows.Add([pscustomobject]@{ Operation = 'list'; Objects = $size; InFlight = $null; Tool = 'kubectl'; PerSecond = $size / $kubectl; CpuMs = $null; Rounds = $null })
        $rates = @{ 'K8sPS' = @(); 'raw client' = @() }
        foreach ($turn in 1..([math]::Max(1, $Rounds))) {
            $order = if ($turn % 2) { 'K8sPS', 'raw client' } else { 'raw client', 'K8sPS' }
            foreach ($tool in $order) { $rates[$tool] += @($size / (Measure-Work $list[$tool]).Seconds) }
        }
        foreach ($tool in $rates.Keys) {
            $opRows.Add([pscustomobject]@{ Operation = 'list'; Objects = $size; InFlight = $null; Tool = $tool; PerSecond = Get-Median $rates[$tool]; CpuMs = $null; Rounds = $rates[$tool] })
        }
        # Peak resident memory (VmHWM) of a fresh pwsh that imports the module and lists the namespace through the pipeline.
        $probe = "Import-Module '$ModulePath'; `$env:KUBECONFIG = '$Kubeconfig'; Get-K8sResource configmaps -Namespace '$ns' -Context '$Context' | Measure-Object | Out-Null; " +
            "((Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM:*' }) -split '\s+')[1]"
        $peak = Invoke-TestPwsh -NoLogo -NoProfile -Command $probe
        $peakMemory[$size] = [double](@($peak)[-1]) / 1024
        if ($size -eq $ListSize) {
            $log = Join-Path $work 'first5.log'
            $null = Get-K8sResource configmaps -Namespace $ns -Context $Context -Debug 5> $log | Select-Object -First 5
            $firstFivePages = @(Get-Content $log | Where-Object { $_ -match "^GET /api/v1/namespaces/$ns/configmaps\?" }).Count
        }
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

$opRatios = foreach ($g in $opRows | Group-Object Operation, Objects, InFlight) {
    $ours = $g.Group | Where-Object Tool -EQ 'K8sPS'
    $kubectl = $g.Group | Where-Object Tool -EQ 'kubectl'
    $raw = $g.Group | Where-Object Tool -EQ 'raw client'
    if (-not ($ours -and $kubectl -and $raw)) { continue }
    $row = [pscustomobject]@{
        Operation = $ours.Operation; Objects = $ours.Objects; InFlight = $ours.InFlight; K8sPS = $ours.PerSecond; Kubectl = $kubectl.PerSecond; Raw = $raw.PerSecond
        VsKubectl = $ours.PerSecond / $kubectl.PerSecond; VsRaw = $ours.PerSecond / $raw.PerSecond
        # K8sPS can beat kubectl by at most this much without being faster than the raw client.
        RawVsKubectl = $raw.PerSecond / $kubectl.PerSecond
        K8sPSCpuMs = $ours.CpuMs; RawCpuMs = $raw.CpuMs
    }
    $what = if ($row.Operation -eq 'list') { "list $($row.Objects) ConfigMaps" } else { "$($row.Operation) $($row.Objects) ConfigMaps, $($row.InFlight) in flight" }
    # Every round beside the median: how far one run moves is part of the figure.
    foreach ($t in $g.Group) { Add-Result "$what, $($t.Tool)" $t.PerSecond 'objects/s' $(if ($t.Rounds) { 'median of ' + (@($t.Rounds | ForEach-Object { '{0:0}' -f $_ }) -join ', ') }) }
    Add-Result "K8sPS / kubectl, $what" $row.VsKubectl 'x' $(if ($row.Operation -ne 'list') { 'goal: >= 5' } else { '' })
    Add-Result "raw client / kubectl, $what" $row.RawVsKubectl 'x'
    Add-Result "K8sPS / raw client, $what" $row.VsRaw 'x' $(if ($row.Operation -ne 'list') { 'goal: >= 0.8' } else { '' })
    if ($null -ne $row.K8sPSCpuMs) {
        Add-Result "CPU per object, $what, K8sPS" $row.K8sPSCpuMs 'ms'
        Add-Result "CPU per object, $what, raw client" $row.RawCpuMs 'ms'
    }
    $row
}
if ($peakMemory.ContainsKey($ListSize) -and $peakMemory.ContainsKey($Objects)) {
    Add-Result "K8sPS peak memory, list of $ListSize" $peakMemory[$ListSize] 'MiB' 'VmHWM of a fresh pwsh'
    Add-Result "K8sPS peak memory, list of $Objects" $peakMemory[$Objects] 'MiB' 'VmHWM of a fresh pwsh'
    Add-Result "K8sPS peak memory, list of $ListSize / list of $Objects" ($peakMemory[$ListSize] / $peakMemory[$Objects]) 'x' 'goal: < 2'
}
if ($null -ne $firstFivePages) { Add-Result "list requests of Get-K8sResource ... | Select-Object -First 5 on $ListSize" $firstFivePages 'pages' 'goal: 1' }

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
if ($opRatios) {
    $null = $md.AppendLine("## Create, re-apply, label, remove and list, $($InFlight -join ' and ') in flight").AppendLine()
    $null = $md.AppendLine('K8sPS: piped `New-K8sConfigMap` (POST), `Set-K8sResource -Path -Force`, `Set-K8sResourceLabel configmaps -All`, `Remove-K8sResource -Path`, `Get-K8sResource configmaps | Measure-Object`. kubectl: `create -f`, `apply --server-side --force-conflicts -f`, `label --all`, `delete -f` (`--wait=false` above 500: it waits for each object in turn), `get -o name`. Raw client: POST, PATCH apply-patch+yaml, PATCH merge-patch+json, DELETE, at the same concurrency; a list is every page of 500, in turn. Each tool did each operation once on 50 objects before these runs (and listed each namespace once before its list was timed), and each run began once the namespaces of the runs before it were gone.').AppendLine()
    $null = $md.AppendLine("K8sPS and the raw client ran $([math]::Max(1, $Rounds)) rounds at each size and concurrency, taking turns (the order alternating), and each of their figures is the median of its rounds. kubectl is one process applying one object after another (it has no concurrency of its own): it ran once per size, and that run stands beside each concurrency. raw / kubectl is as far as K8sPS can beat kubectl without beating the raw client. CPU is this process's CPU time over the operation per object (K8sPS and the raw client both run in it): the apiserver's hiccups move it less than objects/s.").AppendLine()
    $null = $md.AppendLine('| operation | objects | in flight | K8sPS (objects/s) | kubectl (objects/s) | raw client (objects/s) | K8sPS / kubectl | raw / kubectl | K8sPS / raw | CPU per object, K8sPS / raw (ms) |')
    $null = $md.AppendLine('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    foreach ($r in $opRatios) {
        $inFlightCell = if ($null -eq $r.InFlight) { 'pages in turn' } else { $r.InFlight }
        $cpuCell = if ($null -eq $r.K8sPSCpuMs) { '' } else { '{0:0.00} / {1:0.00}' -f $r.K8sPSCpuMs, $r.RawCpuMs }
        $null = $md.AppendLine(('| {0} | {1} | {2} | {3:0} | {4:0} | {5:0} | {6:0.00}x | {7:0.00}x | {8:0.00}x | {9} |' -f $r.Operation, $r.Objects, $inFlightCell, $r.K8sPS, $r.Kubectl, $r.Raw, $r.VsKubectl, $r.RawVsKubectl, $r.VsRaw, $cpuCell))
    }
    $null = $md.AppendLine()
    if ($peakMemory.Count -eq 2) {
        $null = $md.AppendLine(('Peak memory of a fresh pwsh listing through the pipeline (VmHWM): {0:0} MiB for {1}, {2:0} MiB for {3} ({4:0.00}x; goal < 2x). `Select-Object -First 5` on the {1} read {5} page(s) (goal: 1).' -f
            $peakMemory[$ListSize], $ListSize, $peakMemory[$Objects], $Objects, ($peakMemory[$ListSize] / $peakMemory[$Objects]), $firstFivePages)).AppendLine()
    }
}
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
foreach ($r in $opRatios) {
    $at = if ($null -eq $r.InFlight) { '' } else { ", $($r.InFlight) in flight" }
    Write-Host ('  {0} {1}{2}: K8sPS / kubectl {3:0.00}x (raw / kubectl {4:0.00}x), K8sPS / raw client {5:0.00}x' -f $r.Operation, $r.Objects, $at, $r.VsKubectl, $r.RawVsKubectl, $r.VsRaw)
}
$results
