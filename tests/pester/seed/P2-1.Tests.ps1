<#
    P2-1 (kubernetes-notes.md lines 77-137): one Deployment whose pod runs users-api and auth-api, and a
    LoadBalancer service for it. The notes' YAML (lines 86 and 111) is correct: lint finds nothing, it
    applies as written, and the corrected copy in examples/ is the same files.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'P2-1 two containers in one pod, LoadBalancer service' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'p2-1'
        $script:kns = New-TestNamespace -Prefix 'p2-1-kubectl'
        $script:exampleFiles = Get-ExampleFiles 'P2-1'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint finds nothing in either block' {
            Test-K8sManifest -Path (Get-NotesYaml P2-1 86), (Get-NotesYaml P2-1 111) | Should -BeNullOrEmpty
        }

        It 'applies with -WhatIf as a server dry run that would create both objects and creates nothing' {
            $r = Invoke-ApplyCapture -Path (Get-NotesYaml P2-1 86), (Get-NotesYaml P2-1 111) -Namespace $ns -WhatIf
            $r.Errors | Should -BeNullOrEmpty
            $r.Results | Should -BeNullOrEmpty
            Invoke-TestKubectl -n $ns get deployment users-auth-deployment -AllowFailure | Should -Match 'NotFound'
        }
    }

    Context 'the corrected copy (examples/P2-1)' {
        BeforeAll {
            $script:created = @('deployment.apps/users-auth-deployment created', 'service/users-service created')
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            Assert-ExampleApplied $first $created
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'pods reach Running' {
            @(Wait-PodsRunning $ns 'app=users-auth' -Count 1).Count | Should -BeGreaterOrEqual 1
        }

        It 'services get endpoints' {
            @(Wait-ServiceEndpoints $ns 'users-service').Count | Should -BeGreaterThan 0
        }

        It 'prints the live deployment exactly as kubectl get -o yaml and -o json do' {
            # Status moves while pods start: compare two reads of the same resourceVersion.
            $same = Wait-TestCondition -TimeoutSeconds 30 -Because 'kubectl and K8sPS to read the same version' -Condition {
                $theirsYaml = (Invoke-TestKubectl -n $ns get deployment users-auth-deployment -o yaml) -join "`n"
                $theirsJson = (Invoke-TestKubectl -n $ns get deployment users-auth-deployment -o json) -join "`n"
                $live = Get-K8sResource deploy users-auth-deployment -Namespace $ns
                $oursYaml = $live | ConvertTo-K8sYaml
                $oursJson = $live | ConvertTo-K8sJson
                if ($oursYaml.TrimEnd() -eq $theirsYaml.TrimEnd() -and $oursJson.TrimEnd() -eq $theirsJson.TrimEnd()) { $true }
            }
            $same | Should -BeTrue
        }

        It 'applies its own YAML back unchanged' {
            $file = Join-Path $TestDrive 'round-trip.yaml'
            Get-K8sResource deploy users-auth-deployment -Namespace $ns | ConvertTo-K8sYaml | Set-Content $file
            (Set-K8sResource -Path $file -ErrorAction Stop).ToString() | Should -Be 'deployment.apps/users-auth-deployment unchanged'
        }

        It 're-applying says unchanged' {
            Assert-ExampleReappliedUnchanged $exampleFiles $ns $created
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }
}
