<#
    A-PROVISION (kubernetes-notes.md lines 1117-1173): a StorageClass on AWS EBS, a claim naming its class
    with the deprecated beta annotation, and a ReplicationController whose container list was elided with a
    comment, leaving volumeMounts directly under containers (a map where a list belongs). The StorageClass
    block is only linted: applying it would replace the test cluster's own standard class.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'A-PROVISION StorageClass, claim with the beta annotation, ReplicationController' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'a-provision'
        $script:kns = New-TestNamespace -Prefix 'a-provision-kubectl'
        $script:exampleFiles = Get-ExampleFiles 'A-PROVISION'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint finds nothing wrong with the StorageClass itself' {
            Test-K8sManifest -Path (Get-NotesYaml A-PROVISION 1123) | Should -BeNullOrEmpty
        }

        It 'lint warns about the deprecated beta storage-class annotation' {
            $issue = Test-K8sManifest -Path (Get-NotesYaml A-PROVISION 1135)
            $issue | Should -HaveCount 1
            $issue.ToString() | Should -Match ([regex]::Escape('A-PROVISION-1135.yaml:6: warning K8S301 PersistentVolumeClaim/db-storage metadata.annotations["volume.beta.kubernetes.io/storage-class"]:'))
            $issue.Fix | Should -Match 'spec.storageClassName: standard'
        }

        It 'lint reports the list elided into a map, pointing at the comment that stands for it' {
            $issue = Test-K8sManifest -Path (Get-NotesYaml A-PROVISION 1150)
            $issue | Should -HaveCount 1
            $issue.ToString() | Should -Match ([regex]::Escape('A-PROVISION-1150.yaml:15: error K8S102 ReplicationController/wordpress-db spec.template.spec.containers:'))
            $issue.Message | Should -Match 'must be a list of Container, but it is a map'
            $issue.Fix | Should -Match 'at line 16'
        }

        It 'apply refuses the controller and applies the claim with the warning' {
            $r = Invoke-ApplyCapture -Path (Get-NotesYaml A-PROVISION 1135), (Get-NotesYaml A-PROVISION 1150) -Namespace $ns
            $r.Errors | Should -HaveCount 1
            $r.Errors[0] | Should -Match 'A-PROVISION-1150.yaml:15: error K8S102'
            $r.Warnings | Should -HaveCount 1
            $r.Actions | Should -Be 'persistentvolumeclaim/db-storage created'
            Remove-K8sResource -Path (Get-NotesYaml A-PROVISION 1135) -Namespace $ns -Wait
        }
    }

    Context 'the corrected copy (examples/A-PROVISION)' {
        BeforeAll {
            $script:created = @('persistentvolumeclaim/db-storage created', 'replicationcontroller/wordpress-db created')
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            Assert-ExampleApplied $first $created
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'the claim is provisioned and bound by the standard class' {
            Wait-ClaimBound $ns db-storage | Should -BeTrue
        }

        It 'pods reach Running' {
            @(Wait-PodsRunning $ns 'app=wordpress-db' -Count 1).Count | Should -BeGreaterOrEqual 1
        }

        It 're-applying says unchanged' {
            Assert-ExampleReappliedUnchanged $exampleFiles $ns $created
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }
}
