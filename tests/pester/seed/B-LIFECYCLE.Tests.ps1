<#
    B-LIFECYCLE (kubernetes-notes.md lines 749-798): a pod with an init container (sleep 10), postStart and
    preStop hooks, and exec readiness and liveness probes after 35 s. Nothing is wrong in the notes (line 759).
    What a user checks: the init container has terminated Completed (exit 0) before the main container
    started, and the pod turns Ready only after the readiness delay. The local cluster's simulated kubelet does
    not run the commands (the init container's `sleep 10` is 0.1 s there) and runs probe delays at a tenth of
    real time (NodeSimulatorOptions.ProbeDelayScale): the test asserts the order of the status timestamps,
    never a duration.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'B-LIFECYCLE init container, hooks and exec probes' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'b-lifecycle'
        $script:kns = New-TestNamespace -Prefix 'b-lifecycle-kubectl'
        $script:example = Get-ExampleFolder 'B-LIFECYCLE'
        $script:exampleFiles = @(Get-ChildItem $example -Filter *.yaml | ForEach-Object FullName)
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint finds nothing' {
            Test-K8sManifest -Path (Get-NotesYaml B-LIFECYCLE 759) | Should -BeNullOrEmpty
        }
    }

    Context 'the corrected copy (examples/B-LIFECYCLE)' {
        BeforeAll {
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: the deployment created, no errors, no warnings' {
            $first.Errors | Should -BeNullOrEmpty
            $first.Warnings | Should -BeNullOrEmpty
            $first.Actions | Should -Be 'deployment.apps/lifecycle created'
        }

        It 'makes on the server what kubectl apply makes of the same file' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'the hooks and probes are on the server as written' {
            $spec = (Invoke-TestKubectl -n $ns get deployment lifecycle -Json)['spec']['template']['spec']
            $spec['initContainers'][0]['command'] | Should -Be @('sh', '-c', 'sleep 10')
            $c = $spec['containers'][0]
            $c['lifecycle']['postStart']['exec']['command'][2] | Should -BeLike '*postStart >> /timing*'
            $c['lifecycle']['preStop']['exec']['command'][2] | Should -BeLike '*preStop >> /timing*'
            $c['readinessProbe']['initialDelaySeconds'] | Should -Be 35
            $c['livenessProbe']['timeoutSeconds'] | Should -Be 30
        }

        It 'the init container completed before the main container started, and the pod turned Ready after the probe delay' {
            $pod = @(Wait-PodsReady $ns 'app=lifecycle' -Count 1)[0]
            $init = $pod['status']['initContainerStatuses'][0]
            $init['name'] | Should -Be 'init'
            $init['state']['terminated']['reason'] | Should -Be 'Completed'
            $init['state']['terminated']['exitCode'] | Should -Be 0
            $main = $pod['status']['containerStatuses'][0]
            $main['name'] | Should -Be 'lifecycle-container'
            $finished = [DateTimeOffset]::Parse("$($init['state']['terminated']['finishedAt'])")
            $started = [DateTimeOffset]::Parse("$($main['state']['running']['startedAt'])")
            $started | Should -BeGreaterOrEqual $finished -Because "the main container started at $started, the init container finished at $finished"
            (Get-PodCondition $pod 'Initialized')['status'] | Should -Be 'True'
            $ready = [DateTimeOffset]::Parse("$((Get-PodCondition $pod 'Ready')['lastTransitionTime'])")
            $ready | Should -BeGreaterThan $started -Because "the pod must turn Ready after its container started ($started) and the probe's delay, not at once (Ready at $ready)"
        }

        It 're-applying says unchanged' {
            $again = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
            $again.Errors | Should -BeNullOrEmpty
            $again.Actions | Should -Be 'deployment.apps/lifecycle unchanged'
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }

    Context 'init -> postStart -> Ready -> preStop, in conditions, events and the container log' {
        BeforeAll {
            Import-Module (Join-Path $PSScriptRoot 'PodScenarios.psm1') -Force
            $script:sns = New-TestNamespace -Prefix 'b-lifecycle-sim'
            $applied = Invoke-ApplyCapture -Path $exampleFiles -Namespace $sns
            $applied.Errors | Should -BeNullOrEmpty
            $script:pod = @(Wait-PodsReady $sns 'app=lifecycle' -Count 1)[0]
            $script:name = $pod['metadata']['name']
        }

        AfterAll {
            if ($script:watch -and -not $script:watch.HasExited) { Stop-Process -Id $script:watch.Id -ErrorAction SilentlyContinue }
            Remove-TestNamespace $script:sns
        }

        It 'the init container ran and ended before the container started: its log, then Initialized, then the container''s log' {
            $init = $pod['status']['initContainerStatuses'][0]['state']['terminated']
            $initFinished = ConvertTo-Time $init['finishedAt']
            $initLog = @(Get-K8sPodLog $name -Container init -Namespace $sns -Timestamps)
            $initLog[0] | Should -Match '\[k8sps-sim\] container init started from image busybox'
            $initLogAt = ConvertTo-Time ($initLog[0] -split ' ')[0]
            $initLogAt | Should -BeLessOrEqual $initFinished
            $mainLog = @(Get-K8sPodLog $name -Namespace $sns -Timestamps)
            $mainLog[0] | Should -Match '\[k8sps-sim\] container lifecycle-container started'
            $mainLog -match 'The app is running!$' | Should -Not -BeNullOrEmpty
            $mainLogAt = ConvertTo-Time ($mainLog[0] -split ' ')[0]
            $mainLogAt | Should -BeGreaterOrEqual $initFinished
            # Conditions are written to the second: compare them as the server keeps them.
            $initialized = ConvertTo-Time (Get-PodCondition $pod 'Initialized')['lastTransitionTime']
            $initialized | Should -BeGreaterOrEqual $initFinished.AddTicks(-($initFinished.Ticks % [TimeSpan]::TicksPerSecond))
            # (kubectl 1.32 would also default to the first container of a pod with init containers, saying so on stderr.)
            @(Get-K8sPodLog $name -Namespace $sns) | Should -Be @(Invoke-TestKubectl -n $sns logs $name -c lifecycle-container)
        }

        It 'Ready comes after the container started and its postStart hook: conditions and the kubelet''s events in that order' {
            $started = ConvertTo-Time $pod['status']['containerStatuses'][0]['state']['running']['startedAt']
            $ready = ConvertTo-Time (Get-PodCondition $pod 'Ready')['lastTransitionTime']
            $ready | Should -BeGreaterThan $started
            (Get-PodCondition $pod 'ContainersReady')['status'] | Should -Be 'True'
            $events = @(Get-K8sEvent -For "pod/$name" -Namespace $sns)
            $started = @($events | Where-Object Reason -eq 'Started' | ForEach-Object Message)
            $started | Should -Be @('Started container init', 'Started container lifecycle-container')
            $kubectl = @(Invoke-TestKubectl -n $sns events --for "pod/$name")
            @($kubectl | Where-Object { $_ -match '\sStarted\s' }).Count | Should -Be 2
        }

        It 'on deletion the preStop hook runs within the grace period: Killing, the container ends with exit code 0 (not killed), then the pod is gone' {
            $file = Join-Path $TestDrive 'lifecycle-watch.txt'
            $watchArgs = @('--kubeconfig', $env:K8SPS_TEST_KUBECONFIG, '--context', $env:K8SPS_TEST_CONTEXT, '-n', $sns, 'get', 'pod', $name, '-w',
                '-o', 'jsonpath={.metadata.deletionTimestamp}|{.status.containerStatuses[0].state}{"\n"}')
            # kubectl get -w in a process of its own (its arguments passed as they are), its output in a file; stopped by its id.
            $start = [Diagnostics.ProcessStartInfo]::new('sh')
            foreach ($a in @('-c', 'exec kubectl "$@" > "$0"', $file) + $watchArgs) { $start.ArgumentList.Add($a) }
            $start.UseShellExecute = $false
            $script:watch = [Diagnostics.Process]::Start($start)
            Wait-TestCondition -Because 'the kubectl watch printed the pod' -Condition { (Test-Path $file) -and (Get-Item $file).Length -gt 0 } | Out-Null
            $readyAt = ConvertTo-Time (Get-PodCondition (Invoke-TestKubectl -n $sns get pod $name -Json) 'Ready')['lastTransitionTime']
            $null = Invoke-TestKubectl -n $sns delete pod $name --wait=false
            Wait-K8sCondition pod $name -Namespace $sns -For delete -Timeout 60s | Out-Null
            Stop-Process -Id $watch.Id -ErrorAction SilentlyContinue
            $seen = @(Get-Content $file | Where-Object { $_ })
            $terminating = @($seen | Where-Object { $_ -match '^\S+\|' })
            $terminating | Should -Not -BeNullOrEmpty -Because 'the pod is Terminating while its preStop hook runs'
            $terminating[0] | Should -Match '\|\{"running"' -Because 'the container still runs while its preStop hook runs'
            $terminated = @($terminating | Where-Object { $_ -match '"terminated"' })
            $terminated | Should -Not -BeNullOrEmpty
            ($terminated[-1] -split '\|', 2)[1] | ConvertFrom-Json | ForEach-Object { $_.terminated.exitCode } | Should -Be 0
            $killing = Wait-TestCondition -Because "the kubelet's Killing event of $name" -Condition {
                @(Get-K8sEvent -For "pod/$name" -Namespace $sns | Where-Object Reason -eq 'Killing') | Select-Object -First 1
            }
            $killing.Message | Should -Be 'Stopping container lifecycle-container'
            $killedAt = ConvertTo-Time $killing.Event.FirstTimestamp.ToString('o')
            $killedAt | Should -BeGreaterOrEqual $readyAt
        }
    }
}
