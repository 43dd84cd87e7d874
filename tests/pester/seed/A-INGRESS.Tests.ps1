<#
    A-INGRESS (kubernetes-notes.md lines 1027-1060): an Ingress (networking.k8s.io/v1) with two host rules.
    Correct as written; no controller serves it here, so the check is the object on the server.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'A-INGRESS two host rules' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'a-ingress'
        $script:kns = New-TestNamespace -Prefix 'a-ingress-kubectl'
        $script:exampleFiles = Get-ExampleFiles 'A-INGRESS'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint finds nothing, online too (the server serves networking.k8s.io/v1 Ingress)' {
            Test-K8sManifest -Path (Get-NotesYaml A-INGRESS 1034) | Should -BeNullOrEmpty
            Test-K8sManifest -Path (Get-NotesYaml A-INGRESS 1034) -Online | Should -BeNullOrEmpty
        }
    }

    Context 'the corrected copy (examples/A-INGRESS)' {
        BeforeAll {
            $script:created = @('ingress.networking.k8s.io/helloworld-rules created')
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            Assert-ExampleApplied $first $created
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'keeps both host rules' {
            $i = Get-K8sResource ingress helloworld-rules -Namespace $ns
            $i.Spec.Rules.Host | Should -Be @('helloworld-v1.example.com', 'helloworld-v2.example.com')
        }

        It 're-applying says unchanged' {
            Assert-ExampleReappliedUnchanged $exampleFiles $ns $created
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }
}
