# Faults injected into a local cluster of this file's own (Invoke-K8sLocalClusterFault), in the middle of bulk work:
# kill -9 of the apiserver and of etcd during a 1,000-object apply and a 1,000-object remove, and a 5 s stall
# (SIGSTOP) of the apiserver during Wait-K8sRollout and during Get-K8sEvent -Watch. What is checked is what a user
# checks afterwards: the objects on the server (each present once, or gone), and that the output and the
# ErrorRecords account for every object, none twice. No timings are asserted.
BeforeAll {
    $ErrorActionPreference = 'Stop'
    $helpers = Join-Path $PSScriptRoot 'TestHelpers.psm1'
    if ($env:K8SPS_TEST_CONTEXT -and (Test-Path $helpers)) {
        Import-Module $helpers -Force
        Import-K8sTestModule
    } else {
        $modulePath = if ($env:K8SPS_TEST_MODULE) { $env:K8SPS_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/K8sPS/K8sPS.psd1' }
        Import-Module $modulePath -Global -Force
    }
    $script:modulePath = (Get-Module K8sPS).Path
    $script:previousKubeconfig = $env:KUBECONFIG
    # A cluster of its own: the shared test cluster is never stalled or killed.
    $script:cluster = New-K8sTestCluster -Name ('k8sps-faults-' + [guid]::NewGuid().ToString('N').Substring(0, 4)) -NodeCount 1
    $script:ctx = $cluster.Context
    $script:kubeconfig = $cluster.KubeconfigPath

    function kc { & kubectl --kubeconfig $kubeconfig --context $ctx @args }

    # 1,000 ConfigMaps in one file, each with a value of its own.
    function New-ConfigMapFile([string] $Namespace, [int] $Count = 1000) {
        $path = Join-Path $TestDrive "$Namespace.yaml"
        $docs = foreach ($i in 1..$Count) {
            "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: cm-$i`n  namespace: $Namespace`ndata:`n  index: `"$i`""
        }
        Set-Content -LiteralPath $path -Value ($docs -join "`n---`n")
        $path
    }

    function New-FaultNamespace([string] $Prefix) {
        $name = '{0}-{1}' -f $Prefix, [guid]::NewGuid().ToString('N').Substring(0, 6)
        $null = kc create namespace $name
        # The namespace's service account comes from the controller-manager; ConfigMaps need none.
        $name
    }

    # The names of the ConfigMaps on the server, as kubectl lists them.
    function Get-ServerConfigMapName([string] $Namespace) {
        $out = kc get configmaps -n $Namespace -o 'jsonpath={range .items[*]}{.metadata.name}{"\n"}{end}'
        if ($LASTEXITCODE -ne 0) { throw "kubectl get configmaps failed: $out" }
        @($out | Where-Object { $_ -like 'cm-*' })
    }

    # Starts, on a thread of this process, a watcher that injects $Action into $Component once $Trigger (run there,
    # with the module loaded) is true; it returns what the trigger saw when it fired, and the fault's result.
    # Returns once the job is polling (its module loaded, one reading taken): on a quiet machine a remove of 1,000 ends
    # in the seconds a job takes to start, and the fault must land in the middle.
    function Start-FaultWhen([string] $Component, [string] $Action, [scriptblock] $Trigger, [hashtable] $Arguments) {
        $polling = [hashtable]::Synchronized(@{ Ready = $false })
        $job = Start-ThreadJob -ArgumentList $modulePath, $cluster.Name, $kubeconfig, $ctx, $Component, $Action, $Trigger.ToString(), $Arguments, $polling -ScriptBlock {
            param($modulePath, $clusterName, $kubeconfig, $ctx, $component, $action, $triggerText, $arguments, $polling)
            Import-Module $modulePath
            $env:KUBECONFIG = $kubeconfig
            $trigger = [scriptblock]::Create($triggerText)
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while ([DateTime]::UtcNow -lt $deadline) {
                $seen = & $trigger @arguments
                $polling.Ready = $true
                if ($null -ne $seen) {
                    $fault = Invoke-K8sLocalClusterFault -Name $clusterName -Component $component -Action $action
                    return [pscustomobject]@{ Seen = $seen; Fault = $fault }
                }
                Start-Sleep -Milliseconds 20
            }
            throw "the trigger for $action of $component never fired"
        }
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not $polling.Ready -and $job.State -eq 'Running' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $job
    }

    # Fires once at least $Count ConfigMaps exist (apply) or at most $Count are left (remove); returns the count seen.
    $script:atLeast = { param($Namespace, $Count, $Context)
        $n = @(Get-K8sResource configmaps -Namespace $Namespace -Context $Context -ErrorAction SilentlyContinue).Count
        if ($n -ge $Count) { $n } }
    $script:atMost = { param($Namespace, $Count, $Context)
        $n = @(Get-K8sResource configmaps -Namespace $Namespace -Context $Context -ErrorAction SilentlyContinue | Where-Object { $_.metadata.name -like 'cm-*' }).Count
        if ($n -le $Count) { $n } }

    # Waits until the cluster answers again after a fault (the supervisor restarted what was killed).
    function Wait-ClusterBack {
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        do {
            $null = kc get --raw /readyz 2>$null
            if ($LASTEXITCODE -eq 0) { return }
            Start-Sleep -Milliseconds 500
        } while ([DateTime]::UtcNow -lt $deadline)
        throw 'the cluster did not answer /readyz within 120 s of the fault'
    }

    # The state letter of /proc/<pid>/stat: T stopped, S sleeping, R running.
    function Get-ProcessState([int] $ProcessId) {
        $stat = Get-Content -LiteralPath "/proc/$ProcessId/stat" -Raw
        $stat.Substring($stat.LastIndexOf(')') + 2, 1)
    }

    function Get-Restarts([string] $Component) {
        (Get-K8sLocalCluster -Name $cluster.Name).Components | Where-Object Name -eq $Component | ForEach-Object Restarts
    }

    # Every object named once across the output and the errors; returns the names.
    function Get-AccountedName($Output, $Errors) {
        @($Output | ForEach-Object Name) + @($Errors | ForEach-Object {
            # (K8sException, a type of the module's private load context, is known by its Error property.)
            if ($_.Exception.PSObject.Properties['Error']) { $_.Exception.Error.Name } else { "$($_.TargetObject)" }
        })
    }
}

AfterAll {
    if ($script:cluster) { Remove-K8sTestCluster $cluster }
    $env:KUBECONFIG = $previousKubeconfig
}

Describe 'Invoke-K8sLocalClusterFault' {
    It 'kills the apiserver; the supervisor restarts it and Get-K8sLocalCluster counts the restart' {
        $before = Get-Restarts 'kube-apiserver'
        $pid0 = ((Get-K8sLocalCluster -Name $cluster.Name).Components | Where-Object Name -eq 'kube-apiserver').Pid
        $r = Invoke-K8sLocalClusterFault -Name $cluster.Name -Component kube-apiserver -Action Kill
        $r.Succeeded | Should -BeTrue
        $r.Pid | Should -Be $pid0
        Wait-ClusterBack
        Get-Restarts 'kube-apiserver' | Should -Be ($before + 1)
        $c = (Get-K8sLocalCluster -Name $cluster.Name).Components | Where-Object Name -eq 'kube-apiserver'
        $c.Pid | Should -Not -Be $pid0
        $c.Fault | Should -BeNullOrEmpty
    }

    It 'stops the scheduler with a duration and continues it after; Get-K8sLocalCluster shows the fault meanwhile' {
        $r = Invoke-K8sLocalClusterFault $cluster.Name kube-scheduler Stop -Duration 2s
        $r.Until | Should -Not -BeNullOrEmpty
        Get-ProcessState $r.Pid | Should -Be 'T'
        ((Get-K8sLocalCluster -Name $cluster.Name).Components | Where-Object Name -eq 'kube-scheduler').Fault | Should -Match '^Stopped until'
        # Continued by the supervisor after the duration: the process runs (or sleeps) again, and the fault is cleared.
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do { Start-Sleep -Milliseconds 200; $state = Get-ProcessState $r.Pid }
        while ($state -eq 'T' -and [DateTime]::UtcNow -lt $deadline)
        $state | Should -BeIn 'S', 'R', 'D'
        ((Get-K8sLocalCluster -Name $cluster.Name).Components | Where-Object Name -eq 'kube-scheduler').Fault | Should -BeNullOrEmpty
    }

    It 'restarts etcd on request and counts it' {
        $before = Get-Restarts 'etcd'
        $r = Invoke-K8sLocalClusterFault $cluster.Name etcd Restart
        $r.NewPid | Should -Not -Be $r.Pid
        Get-Restarts 'etcd' | Should -Be ($before + 1)
        Wait-ClusterBack
    }

    It '-WhatIf does nothing' {
        $before = Get-Restarts 'kube-scheduler'
        $pid0 = ((Get-K8sLocalCluster -Name $cluster.Name).Components | Where-Object Name -eq 'kube-scheduler').Pid
        Invoke-K8sLocalClusterFault $cluster.Name kube-scheduler Kill -WhatIf | Should -BeNullOrEmpty
        Start-Sleep -Milliseconds 500
        ((Get-K8sLocalCluster -Name $cluster.Name).Components | Where-Object Name -eq 'kube-scheduler').Pid | Should -Be $pid0
        Get-Restarts 'kube-scheduler' | Should -Be $before
    }

    It 'refuses a duration on Continue, and a cluster that does not exist' {
        { Invoke-K8sLocalClusterFault $cluster.Name etcd Continue -Duration 5s -ErrorAction Stop } |
            Should -Throw -ErrorId 'LocalClusterInvalidFault,K8sPS.LocalCluster.InvokeK8sLocalClusterFaultCommand'
        { Invoke-K8sLocalClusterFault 'no-such-cluster' etcd Kill -ErrorAction Stop } |
            Should -Throw -ErrorId 'LocalClusterNotFound,K8sPS.LocalCluster.InvokeK8sLocalClusterFaultCommand'
    }
}

Describe 'Bulk work while a component is killed (kill -9)' {
    It 'apply of 1,000 ConfigMaps with the <Component> killed in the middle: each object once on the server, each accounted for once' -ForEach @(
        @{ Component = 'kube-apiserver' }
        @{ Component = 'etcd' }
    ) {
        $ns = New-FaultNamespace 'fault-apply'
        $file = New-ConfigMapFile $ns
        $before = Get-Restarts $Component
        $job = Start-FaultWhen $Component Kill $atLeast @{ Namespace = $ns; Count = 200; Context = $ctx }
        $out = Set-K8sResource -Path $file -Context $ctx -ThrottleLimit 4 -ErrorVariable errs -ErrorAction SilentlyContinue
        $fired = $job | Wait-Job -Timeout 180 | Receive-Job
        $job | Remove-Job -Force
        $fired.Fault.Succeeded | Should -BeTrue
        # The fault landed in the middle: some but not all objects were there when it came.
        $fired.Seen | Should -BeLessThan 1000
        Get-Restarts $Component | Should -BeGreaterThan $before
        Wait-ClusterBack

        $accounted = Get-AccountedName $out $errs
        $accounted.Count | Should -Be 1000 -Because 'the output and the errors name each document once'
        @($accounted | Sort-Object -Unique).Count | Should -Be 1000
        $onServer = Get-ServerConfigMapName $ns
        $onServer.Count | Should -Be (1000 - @($errs).Count)
        @($onServer | Sort-Object -Unique).Count | Should -Be $onServer.Count
        # What was reported applied is on the server with the value sent.
        $created = @($out | ForEach-Object Name)
        @($created | Where-Object { $_ -notin $onServer }) | Should -BeNullOrEmpty
        $values = kc get configmaps -n $ns -o 'jsonpath={range .items[*]}{.metadata.name}={.data.index}{"\n"}{end}'
        @($values | Where-Object { $_ -match '^cm-(\d+)=(\d+)$' -and $Matches[1] -ne $Matches[2] }) | Should -BeNullOrEmpty
        @($errs) | Should -BeNullOrEmpty -Because 'the retry budget rides over the restart'
        $null = kc delete namespace $ns --wait=false
    }

    It 'remove of 1,000 ConfigMaps with the <Component> killed in the middle: all gone, each accounted for once' -ForEach @(
        @{ Component = 'kube-apiserver' }
        @{ Component = 'etcd' }
    ) {
        $ns = New-FaultNamespace 'fault-remove'
        $file = New-ConfigMapFile $ns
        $null = kc apply --server-side -f $file
        (Get-ServerConfigMapName $ns).Count | Should -Be 1000
        $before = Get-Restarts $Component
        $job = Start-FaultWhen $Component Kill $atMost @{ Namespace = $ns; Count = 800; Context = $ctx }
        # One delete at a time: a quiet apiserver deletes 1,000 at 4 in flight between two readings of the trigger.
        $all = Remove-K8sResource -Path $file -Context $ctx -ThrottleLimit 1 -Verbose -ErrorVariable errs -ErrorAction SilentlyContinue 4>&1
        $fired = $job | Wait-Job -Timeout 180 | Receive-Job
        $job | Remove-Job -Force
        $fired.Fault.Succeeded | Should -BeTrue
        $fired.Seen | Should -BeGreaterThan 0
        Get-Restarts $Component | Should -BeGreaterThan $before
        Wait-ClusterBack

        # Remove-K8sResource says "configmap "cm-1" deleted" per object on -Verbose, as kubectl delete does.
        $deleted = @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -match '"(cm-\d+)" deleted' } | ForEach-Object { $Matches[1] })
        $failed = @($errs | ForEach-Object { $_.Exception.Error.Name })
        $accounted = $deleted + $failed
        $accounted.Count | Should -Be 1000
        @($accounted | Sort-Object -Unique).Count | Should -Be 1000
        Get-ServerConfigMapName $ns | Should -BeNullOrEmpty
        # The retry budget rides over the restart: no object fails for want of a server. A DELETE whose answer was lost
        # in the kill is sent again, finds the object gone, and is reported deleted (not NotFound).
        @($errs) | Should -BeNullOrEmpty
        $null = kc delete namespace $ns --wait=false
    }
}

Describe 'Bulk work across an outage longer than the retry budget' {
    BeforeAll {
        # No retries at all (K8SPS_RETRY_BUDGET=0): the kill is an outage that outlasts the budget, as a server down
        # for minutes is with the default. (With any budget, the restarted apiserver takes connections within a second and
        # holds them until it serves, so a kill alone does not outlast 30 s.)
        $script:budget = $env:K8SPS_RETRY_BUDGET
        $env:K8SPS_RETRY_BUDGET = '0'

        # Runs a bulk command that the outage ends; returns its output, its errors and the error that ended it (kept
        # apart: -ErrorVariable holds that one too, as the exception that carried it).
        function Invoke-UntilOutage([scriptblock] $Command) {
            $out = [Collections.Generic.List[object]]::new()
            $ended = $null
            try { & $Command | ForEach-Object { $out.Add($_) } } catch { $ended = $_ }
            $own = @($script:errs | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
            [pscustomobject]@{ Output = $out; Errors = $own; Ended = $ended }
        }
    }
    AfterAll { $env:K8SPS_RETRY_BUDGET = $budget }

    It 'apply of 1,000 ConfigMaps: the outage ends the command once, each document not applied is an error of its own, and applying again completes it' {
        $ns = New-FaultNamespace 'outage-apply'
        $file = New-ConfigMapFile $ns
        $job = Start-FaultWhen kube-apiserver Kill $atLeast @{ Namespace = $ns; Count = 20; Context = $ctx }
        $run = Invoke-UntilOutage { Set-K8sResource -Path $file -Context $ctx -ThrottleLimit 4 -ErrorVariable script:errs -ErrorAction SilentlyContinue }
        $fired = $job | Wait-Job -Timeout 180 | Receive-Job
        $job | Remove-Job -Force
        $fired.Fault.Succeeded | Should -BeTrue
        Wait-ClusterBack

        $run.Ended | Should -Not -BeNullOrEmpty -Because 'a connection that stays down ends the command'
        $run.Ended.Exception.Error.ErrorId | Should -Be 'ServerUnreachable'
        $accounted = @(Get-AccountedName $run.Output ($run.Errors + $run.Ended))
        $accounted.Count | Should -Be 1000 -Because 'the output, the errors and the one that ended the command name each document once'
        @($accounted | Sort-Object -Unique).Count | Should -Be 1000
        $notSent = @($run.Errors | Where-Object { $_.Exception.Error.ErrorId -eq 'NotSent' })
        $notSent.Count | Should -BeGreaterThan 0 -Because 'the outage came with documents still to send'
        $notSent[0].Exception.Message | Should -Match '^.+\.yaml:\d+: ConfigMap/cm-\d+: not sent: the server could not be reached'
        $onServer = Get-ServerConfigMapName $ns
        @($notSent | ForEach-Object { $_.Exception.Error.Name } | Where-Object { $_ -in $onServer }) | Should -BeNullOrEmpty
        @($run.Output | ForEach-Object Name | Where-Object { $_ -notin $onServer }) | Should -BeNullOrEmpty
        # The other errors are those in flight when the apiserver died: sent, their outcome unknown (the connection
        # closed while the server handled them, or no answer once the connection had failed).
        @($run.Errors | Where-Object { $_.Exception.Error.ErrorId -ne 'NotSent' } |
            Where-Object { $_.Exception.Error.ErrorId -ne 'ConnectionClosed' -and $_.Exception.Message -notmatch 'no answer: .*Whether the server acted on it is not known' }) | Should -BeNullOrEmpty

        # As each error says: apply again once the server answers, and everything is there, each once.
        $again = Set-K8sResource -Path $file -Context $ctx
        @($again).Count | Should -Be 1000
        (Get-ServerConfigMapName $ns).Count | Should -Be 1000
        $null = kc delete namespace $ns --wait=false
    }

    It 'remove of 1,000 ConfigMaps: the outage ends the command once, and each object not removed is an error of its own' {
        $ns = New-FaultNamespace 'outage-remove'
        $file = New-ConfigMapFile $ns
        $null = kc apply --server-side -f $file
        $job = Start-FaultWhen kube-apiserver Kill $atMost @{ Namespace = $ns; Count = 800; Context = $ctx }
        $run = Invoke-UntilOutage { Remove-K8sResource -Path $file -Context $ctx -ThrottleLimit 1 -Verbose -ErrorVariable script:errs -ErrorAction SilentlyContinue 4>&1 }
        $fired = $job | Wait-Job -Timeout 180 | Receive-Job
        $job | Remove-Job -Force
        $fired.Fault.Succeeded | Should -BeTrue
        Wait-ClusterBack

        $run.Ended.Exception.Error.ErrorId | Should -Be 'ServerUnreachable'
        $deleted = @($run.Output | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -match '"(cm-\d+)" deleted' } | ForEach-Object { $Matches[1] })
        $accounted = $deleted + @(($run.Errors + $run.Ended) | ForEach-Object { $_.Exception.Error.Name })
        $accounted.Count | Should -Be 1000
        @($accounted | Sort-Object -Unique).Count | Should -Be 1000
        $notSent = @($run.Errors | Where-Object { $_.Exception.Error.ErrorId -eq 'NotSent' } | ForEach-Object { $_.Exception.Error.Name })
        $notSent.Count | Should -BeGreaterThan 0
        $onServer = Get-ServerConfigMapName $ns
        @($deleted | Where-Object { $_ -in $onServer }) | Should -BeNullOrEmpty
        @($notSent | Where-Object { $_ -notin $onServer }) | Should -BeNullOrEmpty -Because 'what was not sent is still there'
        $null = kc delete namespace $ns --wait=false
    }
}

Describe 'Waits while the apiserver stalls (SIGSTOP for 5 s)' {
    It 'Wait-K8sRollout returns once the rollout completes, across the stall' {
        $ns = New-FaultNamespace 'fault-rollout'
        $null = kc create deployment web -n $ns --image=nginx:1.19 --replicas=2
        Wait-K8sRollout deployment/web -Namespace $ns -Context $ctx -Timeout 120s | Out-Null
        $null = kc set image deployment/web -n $ns nginx=nginx:1.20
        $stall = Invoke-K8sLocalClusterFault $cluster.Name kube-apiserver Stop -Duration 5s
        $stall.Succeeded | Should -BeTrue
        $status = Wait-K8sRollout deployment/web -Namespace $ns -Context $ctx -Timeout 180s
        $status | Should -Not -BeNullOrEmpty
        # The server agrees: the new template is rolled out everywhere.
        $d = kc get deployment web -n $ns -o json | ConvertFrom-Json
        $d.spec.template.spec.containers[0].image | Should -Be 'nginx:1.20'
        $d.status.updatedReplicas | Should -Be 2
        $d.status.availableReplicas | Should -Be 2
        $d.status.observedGeneration | Should -BeGreaterOrEqual $d.metadata.generation
        $null = kc delete namespace $ns --wait=false
    }

    It 'Get-K8sEvent -Watch streams every event once, across the stall' {
        $ns = New-FaultNamespace 'fault-watch'
        function New-EventFile([string] $Name, [int[]] $Numbers) {
            $now = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')
            $path = Join-Path $TestDrive "$ns-$Name.yaml"
            ($Numbers | ForEach-Object {
                "apiVersion: v1`nkind: Event`nmetadata:`n  name: ev-$_`n  namespace: $ns`ninvolvedObject:`n  kind: ConfigMap`n  name: target`n  namespace: $ns`nreason: Fault$_`nmessage: event $_`ntype: Normal`nfirstTimestamp: `"$now`"`nlastTimestamp: `"$now`"`ncount: 1"
            }) -join "`n---`n" | Set-Content -LiteralPath $path
            $path
        }
        $null = kc create -f (New-EventFile 'first' 1)
        $later = New-EventFile 'later' (2..5)
        # The watch on a thread of its own, so a watch that never ends fails the test instead of hanging it.
        $watch = Start-ThreadJob -ArgumentList $modulePath, $kubeconfig, $ctx, $ns, $cluster.Name, $later -ScriptBlock {
            param($modulePath, $kubeconfig, $ctx, $ns, $clusterName, $later)
            Import-Module $modulePath
            $env:KUBECONFIG = $kubeconfig
            $stalled = $false
            Get-K8sEvent -Namespace $ns -Context $ctx -Watch | ForEach-Object {
                if (-not $stalled) {
                    # On the first event: stall the apiserver, and have kubectl create the others (it waits out the stall).
                    $stalled = $true
                    $null = Invoke-K8sLocalClusterFault $clusterName kube-apiserver Stop -Duration 5s
                    $null = Start-ThreadJob -ArgumentList $kubeconfig, $ctx, $later -ScriptBlock {
                        param($kubeconfig, $ctx, $file)
                        & kubectl --kubeconfig $kubeconfig --context $ctx create -f $file --request-timeout=60s 2>&1
                    }
                }
                $_
            } | Select-Object -First 5
        }
        $finished = $watch | Wait-Job -Timeout 180
        if (-not $finished) { $watch | Stop-Job }
        $seen = @($watch | Receive-Job)
        $watch | Remove-Job -Force
        $finished | Should -Not -BeNullOrEmpty -Because 'the watch must see all five events, none of them twice'
        @($seen | ForEach-Object Reason | Sort-Object) | Should -Be @('Fault1', 'Fault2', 'Fault3', 'Fault4', 'Fault5')
        @(kc get events -n $ns -o name).Count | Should -Be 5
        $null = kc delete namespace $ns --wait=false
    }
}
