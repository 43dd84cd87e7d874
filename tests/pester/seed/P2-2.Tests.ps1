<#
    P2-2 (kubernetes-notes.md lines 139-239): users-api and auth-api in their own deployments; users-api
    reaches auth-api as auth-service.default. The users deployment (line 144) splits its env item in two
    (`- name: AUTH_ADDRESS` then `- value: ...`): kubectl says only "env[1].name: Required value"; K8sPS
    names the line and the fix, refuses that document and applies the other three.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'P2-2 two deployments, auth-api found by its service name' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'p2-2'
        $script:kns = New-TestNamespace -Prefix 'p2-2-kubectl'
        $script:exampleFiles = Get-ExampleFiles 'P2-2'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint reports the env item split in two, with file, line and field' {
            $issue = Test-K8sManifest -Path (Get-NotesYaml P2-2 144) | Where-Object RuleId -EQ 'K8S103'
            $issue | Should -HaveCount 1
            $issue.ToString() | Should -Match ([regex]::Escape('P2-2-144.yaml:23: error K8S103 Deployment/users-deployment spec.template.spec.containers[0].env[1]:'))
            $issue.Message | Should -Match 'AUTH_ADDRESS gets no value'
            $issue.Fix | Should -Match "remove the '-' before 'value' at line 23"
        }

        It 'apply refuses that document with the same explanation and applies the other three' {
            $files = 144, 170, 193, 209 | ForEach-Object { Get-NotesYaml P2-2 $_ }
            $r = Invoke-ApplyCapture -Path $files -Namespace $ns
            $r.Errors | Should -HaveCount 1
            $r.Errors[0] | Should -Match 'P2-2-144.yaml:2: Deployment/users-deployment was not applied'
            $r.Errors[0] | Should -Match 'P2-2-144.yaml:23: error K8S103'
            $r.Actions | Sort-Object | Should -Be (@('deployment.apps/auth-deployment created', 'service/users-service created', 'service/auth-service created') | Sort-Object)
            Invoke-TestKubectl -n $ns get deployment users-deployment -AllowFailure | Should -Match 'NotFound'
            Remove-K8sResource -Path $files[1..3] -Namespace $ns -Wait
        }
    }

    Context 'the corrected copy (examples/P2-2)' {
        BeforeAll {
            $script:created = @('deployment.apps/users-deployment created', 'deployment.apps/auth-deployment created', 'service/users-service created', 'service/auth-service created')
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            Assert-ExampleApplied $first $created
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'pods reach Running' {
            @(Wait-PodsRunning $ns 'app=users-api' -Count 1).Count | Should -BeGreaterOrEqual 1
            @(Wait-PodsRunning $ns 'app=auth-api' -Count 1).Count | Should -BeGreaterOrEqual 1
        }

        It 'services get endpoints' {
            @(Wait-ServiceEndpoints $ns 'users-service').Count | Should -BeGreaterThan 0
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
