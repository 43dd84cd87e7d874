<#
    P4-1 (kubernetes-notes.md lines 394-519): users, auth and tasks deployments, and one services.yaml with
    three documents (two LoadBalancer, one ClusterIP). Correct as written; the multi-document file keeps
    each document's own line.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'P4-1 three deployments, services in one multi-document file' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'p4-1'
        $script:kns = New-TestNamespace -Prefix 'p4-1-kubectl'
        $script:exampleFiles = Get-ExampleFiles 'P4-1'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint finds nothing' {
            Test-K8sManifest -Path (402, 426, 447, 471 | ForEach-Object { Get-NotesYaml P4-1 $_ }) | Should -BeNullOrEmpty
        }

        It 'reads the three services of one file with their own lines' {
            $objects = ConvertFrom-K8sYaml -Path (Get-NotesYaml P4-1 471)
            $objects.metadata.name | Should -Be @('users-service', 'tasks-service', 'auth-service')
            $objects | ForEach-Object { [K8sPS.Objects.ManifestObjects]::SourceOf($_) } | Should -Be @(
                "$(Get-NotesYaml P4-1 471):2", "$(Get-NotesYaml P4-1 471):15 (document 2)", "$(Get-NotesYaml P4-1 471):28 (document 3)")
        }
    }

    Context 'the corrected copy (examples/P4-1)' {
        BeforeAll {
            $script:created = @('deployment.apps/users-deployment created', 'deployment.apps/auth-deployment created', 'deployment.apps/tasks-deployment created', 'service/users-service created', 'service/tasks-service created', 'service/auth-service created')
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            Assert-ExampleApplied $first $created
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'pods reach Running' {
            @(Wait-PodsRunning $ns 'app=users' -Count 1).Count | Should -BeGreaterOrEqual 1
            @(Wait-PodsRunning $ns 'app=auth' -Count 1).Count | Should -BeGreaterOrEqual 1
            @(Wait-PodsRunning $ns 'app=tasks' -Count 1).Count | Should -BeGreaterOrEqual 1
        }

        It 'services get endpoints' {
            @(Wait-ServiceEndpoints $ns 'users-service').Count | Should -BeGreaterThan 0
            @(Wait-ServiceEndpoints $ns 'tasks-service').Count | Should -BeGreaterThan 0
            @(Wait-ServiceEndpoints $ns 'auth-service').Count | Should -BeGreaterThan 0
        }

        It 're-applying says unchanged' {
            Assert-ExampleReappliedUnchanged $exampleFiles $ns $created
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }
}
