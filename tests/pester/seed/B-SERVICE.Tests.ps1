<#
    B-SERVICE (kubernetes-notes.md lines 590-613): a NodePort service on 31001 whose targetPort is the
    container port name nodejs-port. Correct as written; the example folder adds B-DEPLOY's deployment so
    the service has pods. A node port is allocated cluster-wide, so kubectl's result is taken from a server
    dry run made before ours rather than from a second service.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'B-SERVICE NodePort 31001 with a named target port' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'b-service'
        $script:kns = New-TestNamespace -Prefix 'b-service-kubectl'
        $script:exampleFiles = Get-ExampleFiles 'B-SERVICE'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint finds nothing' {
            Test-K8sManifest -Path (Get-NotesYaml B-SERVICE 600) | Should -BeNullOrEmpty
        }

        It 'kubectl and K8sPS make the same service (kubectl: server dry run, before the port is taken)' {
            $theirs = Invoke-TestKubectl -n $ns apply --dry-run=server -f (Get-NotesYaml B-SERVICE 600) -Json
            $theirs['metadata']['annotations'].Remove('kubectl.kubernetes.io/last-applied-configuration')
            if ($theirs['metadata']['annotations'].Count -eq 0) { $theirs['metadata'].Remove('annotations') }
            $script:kubectlService = $theirs | ConvertTo-ComparableJson
        }
    }

    Context 'the corrected copy (examples/B-SERVICE)' {
        BeforeAll {
            $script:created = @('deployment.apps/helloworld-deployment created', 'service/helloworld-service created')
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            Assert-ExampleApplied $first $created
        }

        It 'makes the service kubectl makes, on node port 31001' {
            Get-ComparableObject $ns Service helloworld-service | Should -Be $kubectlService
            (Invoke-TestKubectl -n $ns get service helloworld-service -Json)['spec']['ports'][0]['nodePort'] | Should -Be 31001
        }

        It 'pods reach Running' {
            @(Wait-PodsRunning $ns 'app=helloworld' -Count 3).Count | Should -BeGreaterOrEqual 3
        }

        It 'services get endpoints' {
            @(Wait-ServiceEndpoints $ns 'helloworld-service').Count | Should -BeGreaterThan 0
        }

        It 're-applying says unchanged' {
            Assert-ExampleReappliedUnchanged $exampleFiles $ns $created
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }
}
