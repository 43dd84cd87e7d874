<#
    B-LIVENESS (kubernetes-notes.md lines 654-689): a deployment with an httpGet liveness probe on the named
    port nodejs-port. The notes (line 663) write a comment with `//`, which YAML does not know, so the port is
    the whole text `nodejs-port // port ...`. kubectl sends it and the server refuses it with "must be no more
    than 15 characters"; K8sPS warns first with the line and the value meant, then shows the server's causes
    at the same line, and nothing of the document is applied.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'B-LIVENESS httpGet liveness probe on a named port' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'b-liveness'
        $script:kns = New-TestNamespace -Prefix 'b-liveness-kubectl'
        $script:example = Get-ExampleFolder 'B-LIVENESS'
        $script:exampleFiles = @(Get-ChildItem $example -Filter *.yaml | ForEach-Object FullName)
        $script:field = 'spec.template.spec.containers[0].livenessProbe.httpGet.port'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint reports the // comment inside the port, with file, line, field and the value meant' {
            $issue = Test-K8sManifest -Path (Get-NotesYaml B-LIVENESS 663)
            $issue | Should -HaveCount 1
            $issue.ToString() | Should -Match ([regex]::Escape("B-LIVENESS-663.yaml:24: warning K8S201 Deployment/helloworld-deployment ${field}:"))
            $issue.Message | Should -Match "'//' is not a comment in YAML"
            $issue.Fix | Should -Match "did you mean 'nodejs-port'\?"
            $issue.Fix | Should -Match "Write comments with '#'"
        }

        It 'apply warns the same, shows the server''s refusal at line 24, and applies nothing' {
            $r = Invoke-ApplyCapture -Path (Get-NotesYaml B-LIVENESS 663) -Namespace $ns
            $r.Warnings | Should -HaveCount 1
            $r.Warnings[0] | Should -Match ([regex]::Escape("B-LIVENESS-663.yaml:24: warning K8S201 Deployment/helloworld-deployment ${field}:"))
            $r.Warnings[0] | Should -Match "did you mean 'nodejs-port'\?"
            $r.Errors | Should -HaveCount 1
            $r.Errors[0] | Should -Match ([regex]::Escape('B-LIVENESS-663.yaml:1: Deployment/helloworld-deployment:'))
            $r.Errors[0] | Should -Match ([regex]::Escape("${field}: Invalid value: ""nodejs-port // port"))
            $r.Errors[0] | Should -Match 'must be no more than 15 characters \(\S*B-LIVENESS-663\.yaml:24\)'
            $r.Actions | Should -BeNullOrEmpty
            Invoke-TestKubectl -n $ns get deployment helloworld-deployment -AllowFailure | Should -Match 'NotFound'
        }
    }

    Context 'the corrected copy (examples/B-LIVENESS)' {
        BeforeAll {
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: the deployment created, no errors, no warnings' {
            $first.Errors | Should -BeNullOrEmpty
            $first.Warnings | Should -BeNullOrEmpty
            $first.Actions | Should -Be 'deployment.apps/helloworld-deployment created'
        }

        It 'makes on the server what kubectl apply makes of the same file' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'the probe is on the named port, as meant' {
            $probe = (Invoke-TestKubectl -n $ns get deployment helloworld-deployment -Json)['spec']['template']['spec']['containers'][0]['livenessProbe']
            $probe['httpGet']['port'] | Should -Be 'nodejs-port'
            $probe['httpGet']['path'] | Should -Be '/'
            $probe['initialDelaySeconds'] | Should -Be 15
            $probe['timeoutSeconds'] | Should -Be 30
        }

        It 'three pods are Running and Ready' {
            @(Wait-PodsReady $ns 'app=helloworld' -Count 3).Count | Should -Be 3
        }

        It 're-applying says unchanged' {
            $again = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
            $again.Errors | Should -BeNullOrEmpty
            $again.Actions | Should -Be 'deployment.apps/helloworld-deployment unchanged'
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }
}
