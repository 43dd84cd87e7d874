<#
    P3-2 (kubernetes-notes.md): a deployment with a hostPath (DirectoryOrCreate) volume and env APP_FOLDER
    (block at line 289). kubectl accepts it, but the image tag `lastest` is a typo no registry has: K8sPS
    warns with the line and the fix, applies it anyway (it is valid), and the corrected copy says latest.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'P3-2 hostPath volume, two replicas' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'p3-2'
        $script:kns = New-TestNamespace -Prefix 'p3-2-kubectl'
        $script:exampleFiles = Get-ExampleFiles 'P3-2'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint warns that the tag lastest looks like a typo of latest' {
            $issue = Test-K8sManifest -Path (Get-NotesYaml P3-2 289)
            $issue | Should -HaveCount 1
            $issue.ToString() | Should -Match ([regex]::Escape('P3-2-289.yaml:18: warning K8S302 Deployment/app-deployment spec.template.spec.containers[0].image:'))
            $issue.Fix | Should -Match 'my-docker-hub/app:latest'
        }

        It 'apply goes ahead with the warning' {
            $r = Invoke-ApplyCapture -Path (Get-NotesYaml P3-2 289) -Namespace $ns
            $r.Errors | Should -BeNullOrEmpty
            $r.Warnings | Should -HaveCount 1
            $r.Warnings[0] | Should -Match "P3-2-289.yaml:18: warning K8S302 .*'lastest'"
            $r.Actions | Should -Be 'deployment.apps/app-deployment created'
            Remove-K8sResource -Path (Get-NotesYaml P3-2 289) -Namespace $ns -Wait
        }
    }

    Context 'the corrected copy (examples/P3-2)' {
        BeforeAll {
            $script:created = @('deployment.apps/app-deployment created')
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            Assert-ExampleApplied $first $created
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
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
