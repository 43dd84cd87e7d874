<#
    Get-K8sPodLog beside kubectl logs on the same pods of the test cluster's simulated nodes (each node serves its
    containers' logs at its kubelet endpoint on 127.0.49.x, through the apiserver as a kubelet does): the same lines
    for the whole log, -Tail, -Since, -Timestamps, -Previous after a restart and -Selector's prefixes; -Follow
    streams lines as they are written and stops within a bound when stopped through the PowerShell API; a missing
    pod or container and the kubelet's refusals are errors with kubectl's message; exec and attach on a simulated
    node are refused with the simulator's message, as kubectl shows it.
    A log grows while its container runs, so each comparison reads kubectl before and after K8sPS and compares
    only when kubectl's two reads agree (Get-StableKubectl).
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Get-K8sPodLog, beside kubectl logs' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:ns = New-TestNamespace -Prefix 'podlog'

        $manifest = @"
apiVersion: v1
kind: Pod
metadata:
  name: talker
  labels: { app: talk }
  annotations:
    sim.k8sps.io/log: "listening on :8080\nconnected to db\nready for requests"
spec:
  containers:
  - { name: app, image: nginx:1.25 }
---
apiVersion: v1
kind: Pod
metadata:
  name: ticker
  annotations:
    sim.k8sps.io/log: "tick"
    sim.k8sps.io/log-every: "5s"
spec:
  containers:
  - { name: app, image: nginx:1.25 }
---
apiVersion: v1
kind: Pod
metadata:
  name: crasher
  annotations:
    sim.k8sps.io/exit-code: "3"
    sim.k8sps.io/exit-after: "5s"
    sim.k8sps.io/log: "connecting to db...\nerror: connection refused"
spec:
  containers:
  - { name: app, image: busybox }
---
apiVersion: v1
kind: Pod
metadata:
  name: duo
spec:
  initContainers:
  - { name: setup, image: busybox, command: ['sh', '-c', 'echo "schema migrated"'] }
  containers:
  - { name: app, image: nginx:1.25 }
  - { name: proxy, image: envoyproxy/envoy:v1.28.0 }
---
apiVersion: v1
kind: Pod
metadata:
  name: duo-default
  annotations:
    kubectl.kubernetes.io/default-container: proxy
spec:
  containers:
  - { name: app, image: nginx:1.25 }
  - { name: proxy, image: envoyproxy/envoy:v1.28.0 }
---
apiVersion: v1
kind: Pod
metadata:
  name: unpulled
  annotations:
    sim.k8sps.io/image-pull: not-found
spec:
  containers:
  - { name: app, image: nginx:1.25 }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
      annotations:
        sim.k8sps.io/log: "GET / 200\nGET /health 200"
    spec:
      containers:
      - { name: web, image: nginx:1.25 }
"@
        $file = Join-Path $TestDrive 'podlog.yaml'
        Set-Content -LiteralPath $file -Value $manifest
        $null = Invoke-TestKubectl -n $ns apply -f $file
        $null = Invoke-TestKubectl -n $ns wait --for=condition=Ready pod/talker pod/ticker pod/duo pod/duo-default --timeout=120s
        $null = Invoke-TestKubectl -n $ns rollout status deployment/web --timeout=120s

        # kubectl logs' lines, read until two reads in a row agree (a running container's log may grow meanwhile);
        # $Ours runs between the two, so it saw the same log.
        function script:Get-StableKubectl([string[]] $KubectlArgs, [scriptblock] $Ours, [switch] $Sort) {
            for ($i = 0; $i -lt 8; $i++) {
                $before = @(Invoke-TestKubectl -n $ns logs @KubectlArgs)
                $got = @(& $Ours)
                $after = @(Invoke-TestKubectl -n $ns logs @KubectlArgs)
                if ($Sort) { $before = @($before | Sort-Object); $after = @($after | Sort-Object); $got = @($got | Sort-Object) }
                if (($before -join "`n") -eq ($after -join "`n")) { return [pscustomobject]@{ Kubectl = $after; K8sPS = $got } }
                Start-Sleep -Milliseconds 300
            }
            throw "kubectl logs $KubectlArgs never read the same twice"
        }

        # Starts $Script in a runspace of its own, waits until $Ready says it is streaming, stops it and times Stop().
        function script:Measure-Stop([string] $Script, [scriptblock] $Ready) {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$env:K8SPS_TEST_MODULE'; $Script")
                $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
                $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (-not (& $Ready $output)) {
                    if ($async.IsCompleted) { throw "the command ended before it was stopped: $($ps.Streams.Error | Out-String)" }
                    if ([DateTime]::UtcNow -gt $deadline) { throw "the command never got there; output so far: $(@($output) -join ' | ')" }
                    Start-Sleep -Milliseconds 50
                }
                Start-Sleep -Milliseconds 300
                $sw = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $sw.Stop()
                [pscustomobject]@{ Elapsed = $sw.Elapsed; State = $ps.InvocationStateInfo.State; Completed = $async.IsCompleted; Output = @($output | ForEach-Object { "$_" }) }
            } finally { $ps.Dispose() }
        }
    }

    AfterAll {
        Remove-TestNamespace $script:ns
    }

    Context 'the same lines as kubectl logs' {
        It 'the whole log: the simulator''s start line, then the text the pod asked for' {
            $r = Get-StableKubectl @('talker') { Get-K8sPodLog talker -Namespace $ns }
            $r.K8sPS | Should -Be $r.Kubectl
            $r.K8sPS[0] | Should -BeLike '`[k8sps-sim`] container app started from image nginx:1.25 on node *'
            $r.K8sPS | Should -Contain 'connected to db'
            $r.K8sPS[-1] | Should -Be 'ready for requests'
        }

        It '-Tail 2, -Since 1h and -Tail 0 as --tail 2, --since 1h and --tail 0' {
            $r = Get-StableKubectl @('talker', '--tail', '2') { Get-K8sPodLog talker -Namespace $ns -Tail 2 }
            $r.K8sPS | Should -Be $r.Kubectl
            $r.K8sPS | Should -Be @('connected to db', 'ready for requests')
            $r = Get-StableKubectl @('talker', '--since', '1h') { Get-K8sPodLog talker -Namespace $ns -Since 1h }
            $r.K8sPS | Should -Be $r.Kubectl
            $r.K8sPS.Count | Should -Be 4
            @(Get-K8sPodLog talker -Namespace $ns -Tail 0) | Should -BeNullOrEmpty
        }

        It '-Timestamps: kubectl''s RFC 3339 times with nanoseconds before each line' {
            $r = Get-StableKubectl @('talker', '--timestamps') { Get-K8sPodLog talker -Namespace $ns -Timestamps }
            $r.K8sPS | Should -Be $r.Kubectl
            foreach ($line in $r.K8sPS) { $line | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z \S' }
            $r.K8sPS[-1] | Should -Match ' ready for requests$'
        }

        It 'a pod piped from Get-K8sPod gives the same as its name' {
            $piped = @(Get-K8sPod talker -Namespace $ns | Get-K8sPodLog)
            $piped | Should -Be @(Get-K8sPodLog talker -Namespace $ns)
        }

        It '-Previous after a restart: the run before this one, as kubectl logs -p' {
            Wait-TestCondition -Because 'crasher restarted at least once' -Condition {
                (Invoke-TestKubectl -n $ns get pod crasher -Json)['status']['containerStatuses'][0]['restartCount'] -ge 1
            } | Out-Null
            $r = Get-StableKubectl @('crasher', '--previous') { Get-K8sPodLog crasher -Namespace $ns -Previous }
            $r.K8sPS | Should -Be $r.Kubectl
            $r.K8sPS | Should -Contain 'error: connection refused'
            $r.K8sPS[-1] | Should -Match 'container app exited with code 3'
        }

        It '-Selector: every pod, each line prefixed with its pod and container, as kubectl logs -l --prefix' {
            $r = Get-StableKubectl @('-l', 'app=web', '--prefix') { Get-K8sPodLog -Selector app=web -Namespace $ns } -Sort
            $r.K8sPS | Should -Be $r.Kubectl
            $pods = @((Invoke-TestKubectl -n $ns get pods -l app=web -Json)['items'] | ForEach-Object { $_['metadata']['name'] })
            $pods.Count | Should -Be 2
            foreach ($pod in $pods) { $r.K8sPS | Should -Contain "[pod/$pod/web] GET /health 200" }
        }

        It '-Selector reads the last 10 lines of each pod unless -Tail says otherwise, as kubectl' {
            $r = Get-StableKubectl @('-l', 'app=talk', '--prefix', '--tail', '1') { Get-K8sPodLog -Selector app=talk -Namespace $ns -Tail 1 }
            $r.K8sPS | Should -Be $r.Kubectl
            $r.K8sPS | Should -Be '[pod/talker/app] ready for requests'
        }

        It 'the default-container annotation chooses the container, as kubectl' {
            $r = Get-StableKubectl @('duo-default') { Get-K8sPodLog duo-default -Namespace $ns }
            $r.K8sPS | Should -Be $r.Kubectl
            $r.K8sPS[0] | Should -Match 'container proxy started'
        }

        It '-Container names an init container; -AllContainers reads init containers first' {
            $r = Get-StableKubectl @('duo', '-c', 'setup') { Get-K8sPodLog duo -Container setup -Namespace $ns }
            $r.K8sPS | Should -Be $r.Kubectl
            $r.K8sPS | Should -Contain 'schema migrated'
            # kubectl reads the containers out of a Go map, so its order changes from run to run (kubernetes#113869):
            # the same lines as kubectl, and our order is the kubelet's (init containers first, then spec order).
            $r = Get-StableKubectl @('duo', '--all-containers', '--prefix') { Get-K8sPodLog duo -AllContainers -Prefix -Namespace $ns } -Sort
            $r.K8sPS | Should -Be $r.Kubectl
            $r = @(Get-K8sPodLog duo -AllContainers -Prefix -Namespace $ns)
            ($r | ForEach-Object { ($_ -split ' ')[0] } | Select-Object -Unique) | Should -Be @('[pod/duo/setup]', '[pod/duo/app]', '[pod/duo/proxy]')
        }
    }

    Context '-Follow' {
        It 'streams lines as they are written, and Stop() ends it within the bound' {
            $r = Measure-Stop "Get-K8sPodLog ticker -Namespace $ns -Follow" {
                param($output) $output.Count -ge 4   # (Count, not enumeration: enumerating the output of a running command waits for its end)
            }
            Write-Host "    Get-K8sPodLog -Follow: Stop() returned after $([int]$r.Elapsed.TotalMilliseconds) ms"
            $r.State | Should -Be 'Stopped'
            $r.Completed | Should -BeTrue
            $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(3))
            $r.Output[0] | Should -Match 'container app started'
            @($r.Output | Where-Object { $_ -eq 'tick' }).Count | Should -BeGreaterOrEqual 3
        }

        It 'several pods at once, with their prefixes, and stopped the same way' {
            $r = Measure-Stop "Get-K8sPodLog -Selector app=web -Namespace $ns -Follow" { param($output) $output.Count -ge 4 }
            $r.State | Should -Be 'Stopped'
            $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(3))
            @($r.Output | ForEach-Object { ($_ -split ' ')[0] } | Select-Object -Unique).Count | Should -Be 2
        }

        It 'more streams than -MaxLogRequests is kubectl''s error, before anything is read' {
            $kubectl = "$(Invoke-TestKubectl -n $ns logs -l app=web -f --max-log-requests 1 -AllowFailure)"
            $out = @(Get-K8sPodLog -Selector app=web -Namespace $ns -Follow -MaxLogRequests 1 -ErrorVariable err -ErrorAction SilentlyContinue)
            $out | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'TooManyLogStreams*'
            "$err" | Should -Be 'you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use -MaxLogRequests to increase the limit'
            $kubectl | Should -Match ([regex]::Escape('you are attempting to follow 2 log streams, but maximum allowed concurrency is 1'))
        }
    }

    Context 'bad input: one clear error each' {
        It 'a pod that does not exist: the server''s NotFound as kubectl shows it, and how to find the name' {
            $kubectl = "$(Invoke-TestKubectl -n $ns logs no-such-pod -AllowFailure)"
            $out = @(Get-K8sPodLog no-such-pod -Namespace $ns -ErrorVariable err -ErrorAction SilentlyContinue)
            $out | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            $err[0].Exception.Message | Should -Be "pods ""no-such-pod"" not found in namespace ""$ns"""
            $kubectl | Should -Be "error: error from server (NotFound): $($err[0].Exception.Message)"
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].ErrorDetails.RecommendedAction | Should -Match 'Get-K8sPod -Namespace'
        }

        It 'a container that does not exist: kubectl''s message, and the containers there are' {
            $kubectl = "$(Invoke-TestKubectl -n $ns logs talker -c nope -AllowFailure)"
            $null = Get-K8sPodLog talker -Container nope -Namespace $ns -ErrorVariable err -ErrorAction SilentlyContinue
            $err | Should -HaveCount 1
            $err[0].Exception.Message | Should -Be 'container nope is not valid for pod talker'
            $kubectl | Should -Be "error: $($err[0].Exception.Message)"
            $err[0].ErrorDetails.RecommendedAction | Should -Match 'containers app'
        }

        It 'several containers and no -Container: the first one, with kubectl''s "Defaulted container" notice' {
            $r = Get-StableKubectl @('duo') { Get-K8sPodLog duo -Namespace $ns -WarningVariable script:duoWarnings -WarningAction SilentlyContinue }
            # kubectl writes its notice on stderr, which Invoke-TestKubectl keeps among the lines.
            $notice = @($r.Kubectl | Where-Object { "$_" -like 'Defaulted container*' } | ForEach-Object { "$_" })
            $notice | Should -Be @('Defaulted container "app" out of: app, proxy, setup (init)')
            @($script:duoWarnings | ForEach-Object { "$_" } | Select-Object -Unique) | Should -Be $notice
            $r.K8sPS | Should -Be @($r.Kubectl | Where-Object { "$_" -notlike 'Defaulted container*' })
            $r.K8sPS[0] | Should -Match 'container app started'
        }

        It 'a container waiting for its image: the kubelet''s refusal as kubectl shows it' {
            Wait-TestCondition -Because 'unpulled waits in ErrImagePull or ImagePullBackOff' -Condition {
                $s = (Invoke-TestKubectl -n $ns get pod unpulled -Json)['status']
                $s['containerStatuses'] -and $s['containerStatuses'][0]['state']['waiting']['reason'] -in 'ErrImagePull', 'ImagePullBackOff'
            } | Out-Null
            # The kubelet's waiting reason turns between ErrImagePull and ImagePullBackOff, and the server's refusal
            # words it by the reason of the moment: the two reads are compared when they fall in the same moment.
            $script:lastPair = $null
            $pair = Wait-TestCondition -Because 'kubectl logs and Get-K8sPodLog read unpulled in the same state' -LastSeen { $script:lastPair | ConvertTo-Json -Compress } -Condition {
                $kubectl = "$(Invoke-TestKubectl -n $ns logs unpulled -AllowFailure)"
                $null = Get-K8sPodLog unpulled -Namespace $ns -ErrorVariable err -ErrorAction SilentlyContinue
                $script:lastPair = [pscustomobject]@{ Kubectl = $kubectl; Errors = @($err); Message = "$(@($err)[0].Exception.Message)" }
                if ($kubectl -eq "Error from server (BadRequest): $($script:lastPair.Message)") { $script:lastPair }
            }
            $err = $pair.Errors
            $err | Should -HaveCount 1
            $err[0].Exception.Message | Should -Match '^container "app" in pod "unpulled" is waiting to start: '
            $pair.Kubectl | Should -Be "Error from server (BadRequest): $($err[0].Exception.Message)"
            $err[0].ErrorDetails.RecommendedAction | Should -Match 'Get-K8sEvent -For pod/unpulled'
        }

        It '-Previous of a container that never restarted: the kubelet''s message' {
            $kubectl = "$(Invoke-TestKubectl -n $ns logs talker --previous -AllowFailure)"
            $null = Get-K8sPodLog talker -Previous -Namespace $ns -ErrorVariable err -ErrorAction SilentlyContinue
            $err | Should -HaveCount 1
            $err[0].Exception.Message | Should -Be 'previous terminated container "app" in pod "talker" not found'
            $kubectl | Should -Be "Error from server (BadRequest): $($err[0].Exception.Message)"
        }

        It '-Since and -SinceTime together are refused before any request' {
            { Get-K8sPodLog talker -Namespace $ns -Since 5m -SinceTime ([DateTime]::UtcNow) -ErrorAction Stop } | Should -Throw '*at most one of -Since*'
        }

        It 'exec and attach on a simulated node: the simulator''s refusal, as kubectl shows it' {
            $exec = "$(Invoke-TestKubectl -n $ns exec talker '--' ls -AllowFailure)"
            $exec | Should -Match 'exec is not available on simulated node \S+: the K8sPS local cluster''s nodes run no containers'
            $exec | Should -Match "pod $ns/talker, container app"
            $attach = "$(Invoke-TestKubectl -n $ns attach talker -AllowFailure)"
            $attach | Should -Match 'attach is not available on simulated node'
        }
    }
}
