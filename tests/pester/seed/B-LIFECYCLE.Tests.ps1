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
}
