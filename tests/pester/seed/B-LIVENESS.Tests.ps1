<#
    B-LIVENESS (kubernetes-notes.md lines 654-689): a deployment with an httpGet liveness probe on the named
    port nodejs-port. The notes (line 663) write a comment with `//`, which YAML does not know, so the port is
    the whole text `nodejs-port // port ...`. kubectl sends it and the server refuses it with "must be no more
    than 15 characters"; K8sPS warns first with the line and the value meant, then shows the server's causes
    at the same line, and nothing of the document is applied.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'B-LIVENESS httpGet liveness probe on a named port' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'b-liveness'
        $script:kns = New-TestNamespace -Prefix 'b-liveness-kubectl'
        $script:example = Get-ExampleFolder 'B-LIVENESS'
        $script:exampleFiles = @(Get-ChildItem $example -Filter *.yaml | ForEach-Object FullName)
        $script:field = 'spec.template.spec.containers[0].livenessProbe.httpGet.port'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint reports the // comment inside the port, with file, line, field and the value meant' {
            $issue = Test-K8sManifest -Path (Get-NotesYaml B-LIVENESS 663)
            $issue | Should -HaveCount 1
            $issue.ToString() | Should -Match ([regex]::Escape("B-LIVENESS-663.yaml:24: warning K8S201 Deployment/helloworld-deployment ${field}:"))
            $issue.Message | Should -Match "'//' is not a comment in YAML"
            $issue.Fix | Should -Match "did you mean 'nodejs-port'\?"
            $issue.Fix | Should -Match "Write comments with '#'"
        }

        It 'apply warns the same, shows the server''s refusal at line 24, and applies nothing' {
            $r = Invoke-ApplyCapture -Path (Get-NotesYaml B-LIVENESS 663) -Namespace $ns
            $r.Warnings | Should -HaveCount 1
            $r.Warnings[0] | Should -Match ([regex]::Escape("B-LIVENESS-663.yaml:24: warning K8S201 Deployment/helloworld-deployment ${field}:"))
            $r.Warnings[0] | Should -Match "did you mean 'nodejs-port'\?"
            $r.Errors | Should -HaveCount 1
            $r.Errors[0] | Should -Match ([regex]::Escape('B-LIVENESS-663.yaml:1: Deployment/helloworld-deployment:'))
            $r.Errors[0] | Should -Match ([regex]::Escape("${field}: Invalid value: ""nodejs-port // port"))
            $r.Errors[0] | Should -Match 'must be no more than 15 characters \(\S*B-LIVENESS-663\.yaml:24\)'
            $r.Actions | Should -BeNullOrEmpty
            Invoke-TestKubectl -n $ns get deployment helloworld-deployment -AllowFailure | Should -Match 'NotFound'
        }
    }

    Context 'the corrected copy (examples/B-LIVENESS)' {
        BeforeAll {
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: the deployment created, no errors, no warnings' {
            $first.Errors | Should -BeNullOrEmpty
            $first.Warnings | Should -BeNullOrEmpty
            $first.Actions | Should -Be 'deployment.apps/helloworld-deployment created'
        }

        It 'makes on the server what kubectl apply makes of the same file' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'the probe is on the named port, as meant' {
            $probe = (Invoke-TestKubectl -n $ns get deployment helloworld-deployment -Json)['spec']['template']['spec']['containers'][0]['livenessProbe']
            $probe['httpGet']['port'] | Should -Be 'nodejs-port'
            $probe['httpGet']['path'] | Should -Be '/'
            $probe['initialDelaySeconds'] | Should -Be 15
            $probe['timeoutSeconds'] | Should -Be 30
        }

        It 'three pods are Running and Ready' {
            @(Wait-PodsReady $ns 'app=helloworld' -Count 3).Count | Should -Be 3
        }

        It 're-applying says unchanged' {
            $again = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
            $again.Errors | Should -BeNullOrEmpty
            $again.Actions | Should -Be 'deployment.apps/helloworld-deployment unchanged'
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }

    Context 'the corrected copy with its probe made to fail (sim.k8sps.io/liveness-fails-after: 0s)' {
        BeforeAll {
            Import-Module (Join-Path $PSScriptRoot 'PodScenarios.psm1') -Force
            $script:sns = New-TestNamespace -Prefix 'b-liveness-sim'
            $copy = New-SteeredCopy $exampleFiles[0] @{ 'sim.k8sps.io/liveness-fails-after' = '0s' } $TestDrive
            $applied = Invoke-ApplyCapture -Path $copy -Namespace $sns
            $applied.Errors | Should -BeNullOrEmpty
            $script:selector = 'app=helloworld'
        }

        AfterAll {
            Remove-TestNamespace $script:sns
        }

        It 'the container is killed and restarted: RESTARTS rises, lastState records the kill (exit code 137)' {
            $first = Wait-TestCondition -Because 'a pod of helloworld-deployment restarted' -Condition {
                @(Get-K8sPod -Namespace $sns -Selector $selector | Where-Object Restarts -ge 1) | Select-Object -First 1
            }
            $name = $first.Name
            $was = $first.Restarts
            Wait-TestCondition -Because "$name restarted again (RESTARTS above $was)" -Condition {
                (Get-K8sPod $name -Namespace $sns).Restarts -gt $was
            } | Should -BeTrue
            $status = (Invoke-TestKubectl -n $sns get pod $name -Json)['status']['containerStatuses'][0]
            $status['restartCount'] | Should -BeGreaterThan $was
            $status['lastState']['terminated']['exitCode'] | Should -Be 137
            $status['lastState']['terminated']['reason'] | Should -Be 'Error'
            Get-K8sPodLog $name -Namespace $sns -Previous | Should -Contain '[k8sps-sim] received SIGTERM: the kubelet kills the container, its liveness probe failed'
        }

        It 'CrashLoopBackOff is reached, and Get-K8sPod shows what kubectl get pods shows' {
            $rows = Wait-TestCondition -Because 'kubectl get pods shows a helloworld pod in CrashLoopBackOff' -Condition {
                $r = Get-StablePodRows $sns $selector
                if (@($r.Kubectl | Where-Object Status -eq 'CrashLoopBackOff').Count -gt 0) { $r }
            }
            $crashing = @($rows.Kubectl | Where-Object Status -eq 'CrashLoopBackOff')[0]
            $ours = @($rows.K8sPS | Where-Object Name -eq $crashing.Name)[0]
            $ours.Status | Should -Be 'CrashLoopBackOff'
            $ours.Restarts | Should -Be $crashing.Restarts
            $ours.Ready | Should -Be $crashing.Ready
            $ours.Restarts | Should -BeGreaterOrEqual 2
            $script:crashingPod = $crashing.Name
            $waiting = (Invoke-TestKubectl -n $sns get pod $crashingPod -Json)['status']['containerStatuses'][0]['state']
            if ($waiting.ContainsKey('waiting')) { $waiting['waiting']['message'] | Should -Match "^back-off \S+ restarting failed container=k8s-demo pod=$crashingPod" }
        }

        It 'Get-K8sEvent and kubectl events show the kubelet''s Unhealthy, Killing and BackOff for the pod' {
            $events = Wait-TestCondition -Because "Unhealthy, Killing and BackOff events of $crashingPod" -Condition {
                $e = @(Get-K8sEvent -For "pod/$crashingPod" -Namespace $sns)
                if (@('Unhealthy', 'Killing', 'BackOff' | Where-Object { $_ -notin $e.Reason }).Count -eq 0) { , $e }
            }
            ($events | Where-Object Reason -eq 'Unhealthy')[0].Message | Should -Match '^Liveness probe failed: '
            ($events | Where-Object Reason -eq 'Unhealthy')[0].Type | Should -Be 'Warning'
            ($events | Where-Object Reason -eq 'Killing')[0].Message | Should -Be 'Container k8s-demo failed liveness probe, will be restarted'
            ($events | Where-Object Reason -eq 'BackOff')[0].Message | Should -Be 'Back-off restarting failed container'
            $kubectl = @(Invoke-TestKubectl -n $sns events --for "pod/$crashingPod")
            foreach ($reason in 'Unhealthy', 'Killing', 'BackOff') {
                $message = ($events | Where-Object Reason -eq $reason)[0].Message
                @($kubectl | Where-Object { $_ -match "\s$reason\s" -and $_.Contains($message) }).Count | Should -BeGreaterThan 0 -Because "kubectl events shows $reason '$message'"
            }
        }
    }
}
