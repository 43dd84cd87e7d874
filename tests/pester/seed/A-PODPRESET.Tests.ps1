<#
    A-PODPRESET (kubernetes-notes.md lines 1175-1199): a PodPreset (settings.k8s.io/v1alpha1), an API
    removed in Kubernetes 1.20. kubectl says only that there is no such kind; K8sPS says it was removed, when,
    and what to do instead. The corrected copy puts the env and volume in the pod template itself.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'A-PODPRESET PodPreset, removed in Kubernetes 1.20' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'a-podpreset'
        $script:kns = New-TestNamespace -Prefix 'a-podpreset-kubectl'
        $script:exampleFiles = Get-ExampleFiles 'A-PODPRESET'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint, offline, says PodPreset was removed in 1.20' {
            $issue = Test-K8sManifest -Path (Get-NotesYaml A-PODPRESET 1182)
            $issue | Should -HaveCount 1
            $issue.ToString() | Should -Match ([regex]::Escape('A-PODPRESET-1182.yaml:1: error K8S002 PodPreset/share-credential apiVersion:'))
            $issue.Message | Should -Match 'removed in Kubernetes 1.20'
            $issue.Fix | Should -Match 'pod template'
        }

        It 'apply says the server does not serve it and why' {
            $r = Invoke-ApplyCapture -Path (Get-NotesYaml A-PODPRESET 1182) -Namespace $ns
            $r.Results | Should -BeNullOrEmpty
            $r.Errors | Should -HaveCount 1
            $r.Errors[0] | Should -Match 'does not serve kind PodPreset in settings.k8s.io/v1alpha1'
            $r.Errors[0] | Should -Match 'removed in Kubernetes 1.20'
        }
    }

    Context 'the corrected copy (examples/A-PODPRESET)' {
        BeforeAll {
            $script:created = @('deployment.apps/myapp created')
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            Assert-ExampleApplied $first $created
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'pods reach Running' {
            @(Wait-PodsRunning $ns 'app=myapp' -Count 1).Count | Should -BeGreaterOrEqual 1
        }

        It 'the pods get what the preset injected' {
            $pod = @(Wait-PodsRunning $ns 'app=myapp')[0]
            ($pod['spec']['containers'][0]['env'] | Where-Object { $_['name'] -eq 'MY_SECRET' })['value'] | Should -Be '123456'
            $pod['spec']['containers'][0]['volumeMounts'][0]['mountPath'] | Should -Be '/share'
        }

        It 're-applying says unchanged' {
            Assert-ExampleReappliedUnchanged $exampleFiles $ns $created
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }
}
