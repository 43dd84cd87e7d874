<#
    P3-3 (kubernetes-notes.md lines 323-392): a hostPath PersistentVolume host-pv, a claim host-pvc bound to it
    by volumeName, and a deployment mounting the claim. The deployment has the `lastest` tag typo. The
    PersistentVolume is cluster-scoped: it takes no namespace, and removal by -Path removes it too.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'P3-3 PersistentVolume, claim bound by volumeName, deployment' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'p3-3'
        $script:kns = New-TestNamespace -Prefix 'p3-3-kubectl'
        $script:example = Get-ExampleFolder 'P3-3'
        $script:exampleFiles = Get-ExampleFiles 'P3-3'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint warns about lastest in the deployment and finds nothing in the volume and claim' {
            $issues = Test-K8sManifest -Path (Get-NotesYaml P3-3 328), (Get-NotesYaml P3-3 359), (Get-NotesYaml P3-3 375)
            $issues | Should -HaveCount 1
            $issues[0].ToString() | Should -Match ([regex]::Escape('P3-3-328.yaml:18: warning K8S302'))
        }
    }

    Context 'the claim' {
        It 'binds to host-pv' -Skip:$false {
            Set-K8sResource -Path $exampleFiles -Namespace $ns -ErrorAction Stop | Out-Null
            $pvc = Wait-ClaimBound $ns host-pvc
            $pvc['spec']['volumeName'] | Should -Be 'host-pv'
            (Invoke-TestKubectl get pv host-pv -Json)['spec']['claimRef']['namespace'] | Should -Be $ns
            Remove-K8sResource -Path $exampleFiles -Namespace $ns -Wait -ErrorAction Stop
        }
    }

    Context 'the corrected copy (examples/P3-3)' {
        BeforeAll {
            $script:created = @('persistentvolume/host-pv created', 'persistentvolumeclaim/host-pvc created', 'deployment.apps/app-deployment created')
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            Assert-ExampleApplied $first $created
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path (Join-Path $example 'deployment.yaml') -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'pods reach Running' {
            @(Wait-PodsRunning $ns 'app=app' -Count 2).Count | Should -BeGreaterOrEqual 2
        }

        It 're-applying says unchanged' {
            Assert-ExampleReappliedUnchanged $exampleFiles $ns $created
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }
}
