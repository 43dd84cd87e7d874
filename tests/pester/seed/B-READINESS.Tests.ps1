<#
    B-READINESS (kubernetes-notes.md lines 691-732): a deployment of three pods with an httpGet readiness probe
    and liveness probe on the named port, both after 15 s. Nothing is wrong in the notes (line 700). What a
    user checks: each pod becomes Ready only after the readiness probe's delay, counted from the container's
    start (the Ready condition's lastTransitionTime is later than the container's startedAt, both written by
    the node), and the deployment then counts three available replicas. The local cluster's simulated kubelet
    runs probe delays at a tenth of real time (NodeSimulatorOptions.ProbeDelayScale), so 15 s is 1.5 s there:
    the test asserts the order of the two timestamps, never a duration.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'B-READINESS readiness and liveness probes on a named port' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'b-readiness'
        $script:kns = New-TestNamespace -Prefix 'b-readiness-kubectl'
        $script:example = Get-ExampleFolder 'B-READINESS'
        $script:exampleFiles = @(Get-ChildItem $example -Filter *.yaml | ForEach-Object FullName)
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint finds nothing' {
            Test-K8sManifest -Path (Get-NotesYaml B-READINESS 700) | Should -BeNullOrEmpty
        }
    }

    Context 'the corrected copy (examples/B-READINESS)' {
        BeforeAll {
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: the deployment created, no errors, no warnings' {
            $first.Errors | Should -BeNullOrEmpty
            $first.Warnings | Should -BeNullOrEmpty
            $first.Actions | Should -Be 'deployment.apps/helloworld-readiness created'
        }

        It 'makes on the server what kubectl apply makes of the same file' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'the probes are on the server as written' {
            $c = (Invoke-TestKubectl -n $ns get deployment helloworld-readiness -Json)['spec']['template']['spec']['containers'][0]
            $c['readinessProbe']['httpGet']['port'] | Should -Be 'nodejs-port'
            $c['readinessProbe']['initialDelaySeconds'] | Should -Be 15
            $c['livenessProbe']['httpGet']['port'] | Should -Be 'nodejs-port'
            $c['livenessProbe']['initialDelaySeconds'] | Should -Be 15
        }

        It 'each pod becomes Ready only after the readiness delay, counted from its container start' {
            $pods = Wait-PodsReady $ns 'app=helloworld' -Count 3
            foreach ($pod in $pods) {
                $name = $pod['metadata']['name']
                $started = [DateTimeOffset]::Parse("$($pod['status']['containerStatuses'][0]['state']['running']['startedAt'])")
                $ready = [DateTimeOffset]::Parse("$((Get-PodCondition $pod 'Ready')['lastTransitionTime'])")
                $ready | Should -BeGreaterThan $started -Because "$name must turn Ready after its container started ($started) and the probe's delay, not at once (Ready at $ready)"
                (Get-PodCondition $pod 'ContainersReady')['status'] | Should -Be 'True'
                $pod['status']['containerStatuses'][0]['ready'] | Should -BeTrue
            }
        }

        It 'the deployment counts three available replicas' {
            Wait-TestCondition -Because 'helloworld-readiness with 3 available replicas' -Condition {
                (Invoke-TestKubectl -n $ns get deployment helloworld-readiness -Json)['status']['availableReplicas'] -eq 3
            } | Should -BeTrue
        }

        It 're-applying says unchanged' {
            $again = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
            $again.Errors | Should -BeNullOrEmpty
            $again.Actions | Should -Be 'deployment.apps/helloworld-readiness unchanged'
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }

    Context 'the corrected copy behind a Service, its readiness probe made to fail after a while (sim.k8sps.io/readiness-fails-after)' {
        BeforeAll {
            Import-Module (Join-Path $PSScriptRoot 'PodScenarios.psm1') -Force
            $script:sns = New-TestNamespace -Prefix 'b-readiness-sim'
            # 120 s of pod time (12 s on the local cluster): ready after the 15 s delay, then failing for good.
            $copy = New-SteeredCopy $exampleFiles[0] @{ 'sim.k8sps.io/readiness-fails-after' = '120s' } $TestDrive
            $applied = Invoke-ApplyCapture -Path $copy -Namespace $sns
            $applied.Errors | Should -BeNullOrEmpty
            $null = Invoke-TestKubectl -n $sns expose deployment helloworld-readiness --name helloworld --port 80 --target-port nodejs-port
        }

        AfterAll {
            Remove-TestNamespace $script:sns
        }

        It 'each pod is Ready only after the probe delay, and the Service then has the three as endpoints' {
            # The pods first: the Deployment was applied a moment ago, and its ReplicaSet may not have made them yet.
            $null = Wait-TestCondition -Because 'the Deployment made its three pods' -IntervalSeconds 0.2 -Condition { @(Get-K8sPod -Namespace $sns -Selector app=helloworld).Count -eq 3 }
            Get-K8sPod -Namespace $sns -Selector app=helloworld | Should -BeK8sReady -Within 60
            foreach ($pod in Get-TestPods $sns 'app=helloworld') {
                $started = ConvertTo-Time $pod['status']['containerStatuses'][0]['state']['running']['startedAt']
                $ready = ConvertTo-Time (Get-PodCondition $pod 'Ready')['lastTransitionTime']
                $ready | Should -BeGreaterThan $started -Because "$($pod['metadata']['name']) turns Ready after its container started and the probe's delay"
            }
            Get-K8sService helloworld -Namespace $sns | Should -HaveK8sEndpoints 3 -Within 30
        }

        It 'when the probe fails the pods turn not Ready (ContainersNotReady) and leave the endpoints, as kubectl shows' {
            Get-K8sService helloworld -Namespace $sns | Should -Not -HaveK8sEndpoints -Within 60
            $endpoints = Wait-TestCondition -Because 'the three pods under notReadyAddresses of the helloworld endpoints' -Condition {
                $ep = Invoke-TestKubectl -n $sns get endpoints helloworld -Json
                $subset = @($ep['subsets'])[0]
                if ($subset -and $subset.ContainsKey('notReadyAddresses') -and @($subset['notReadyAddresses']).Count -eq 3) { $subset }
            }
            $endpoints.ContainsKey('addresses') | Should -BeFalse
            Get-K8sPod -Namespace $sns -Selector app=helloworld | Should -HaveK8sCondition Ready -Status False -Within 30
            foreach ($pod in Get-TestPods $sns 'app=helloworld') {
                $pod['status']['phase'] | Should -Be 'Running'
                (Get-PodCondition $pod 'Ready')['reason'] | Should -Be 'ContainersNotReady'
                (Get-PodCondition $pod 'ContainersReady')['status'] | Should -Be 'False'
                $pod['status']['containerStatuses'][0]['ready'] | Should -BeFalse
            }
            $rows = (Get-StablePodRows $sns 'app=helloworld')
            $rows.K8sPS.Ready | Should -Be $rows.Kubectl.Ready
            $rows.Kubectl.Ready | Should -Be @('0/1', '0/1', '0/1')
        }

        It 'Get-K8sEvent shows the kubelet''s Unhealthy warnings, as kubectl events does' {
            $name = (Get-TestPods $sns 'app=helloworld')[0]['metadata']['name']
            $unhealthy = Wait-TestCondition -Because "an Unhealthy event of $name" -Condition {
                @(Get-K8sEvent -For "pod/$name" -Namespace $sns | Where-Object Reason -eq 'Unhealthy') | Select-Object -First 1
            }
            $unhealthy.Type | Should -Be 'Warning'
            $unhealthy.Message | Should -Match '^Readiness probe failed: '
            @(Invoke-TestKubectl -n $sns events --for "pod/$name" | Where-Object { $_.Contains($unhealthy.Message) }).Count | Should -BeGreaterThan 0
        }
    }
}
