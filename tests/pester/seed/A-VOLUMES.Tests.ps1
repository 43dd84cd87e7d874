<#
    A-VOLUMES (kubernetes-notes.md lines 1074-1115): a deployment mounting an AWS EBS volume whose volumeID
    is left empty with only a comment. kubectl gets the server's "Required value"; K8sPS says the line has
    only a comment where the value should be. No AWS here: the corrected copy mounts a claim on the local
    cluster's standard StorageClass instead.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'A-VOLUMES AWS EBS volume in a deployment' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'a-volumes'
        $script:kns = New-TestNamespace -Prefix 'a-volumes-kubectl'
        $script:exampleFiles = Get-ExampleFiles 'A-VOLUMES'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint reports the required volumeID left as a comment' {
            $issue = Test-K8sManifest -Path (Get-NotesYaml A-VOLUMES 1088)
            $issue | Should -HaveCount 1
            $issue.ToString() | Should -Match ([regex]::Escape('A-VOLUMES-1088.yaml:27: error K8S104 Deployment/helloworld-deployment spec.template.spec.volumes[0].awsElasticBlockStore.volumeID:'))
            $issue.Message | Should -Match 'only a comment \(# insert AWS EBS volumeID here\)'
        }

        It 'apply refuses it and creates nothing' {
            $r = Invoke-ApplyCapture -Path (Get-NotesYaml A-VOLUMES 1088) -Namespace $ns
            $r.Results | Should -BeNullOrEmpty
            $r.Errors | Should -HaveCount 1
            $r.Errors[0] | Should -Match 'A-VOLUMES-1088.yaml:27: error K8S104'
        }
    }

    Context 'the corrected copy (examples/A-VOLUMES)' {
        BeforeAll {
            $script:created = @('deployment.apps/helloworld-deployment created', 'persistentvolumeclaim/myvolume-claim created')
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            Assert-ExampleApplied $first $created
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'the claim binds through the standard StorageClass' {
            Wait-ClaimBound $ns myvolume-claim | Should -BeTrue
        }

        It 'pods reach Running' {
            @(Wait-PodsRunning $ns 'app=helloworld' -Count 1).Count | Should -BeGreaterOrEqual 1
        }

        It 're-applying says unchanged' {
            Assert-ExampleReappliedUnchanged $exampleFiles $ns $created
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }
}
