<#
    B-SECRETS (kubernetes-notes.md lines 800-899): secrets made with `kubectl create secret generic`, read by a
    wordpress + mysql deployment as env (secretKeyRef, line 821) and by a helloworld deployment as files
    (a secret volume, line 870). Line 821 is right. Line 870's mountPath is `/etc/creds // /etc/creds/...`:
    YAML has no `//` comments, so the server takes the whole text as the path and kubectl says nothing.
    K8sPS warns with the line and the path meant; a warning does not stop a document, so the notes' copy
    is applied whole, as written (the scenario removes it again). examples/B-SECRETS adds secrets.yaml, the
    two secrets the deployments read. No secret value may appear in anything K8sPS prints here: its
    default output, warnings and errors, even for a secret with a mistake in it.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'B-SECRETS secrets as env and as files' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'b-secrets'
        $script:kns = New-TestNamespace -Prefix 'b-secrets-kubectl'
        $script:example = Get-ExampleFolder 'B-SECRETS'
        $script:exampleFiles = @(Get-ChildItem $example -Filter *.yaml | ForEach-Object FullName)
        $script:created = @('secret/db-secrets created', 'secret/wordpress-secrets created', 'deployment.apps/wordpress-deployment created', 'deployment.apps/helloworld-deployment created') | Sort-Object
        # The example's secret values. 'root' and 'password' are also ordinary words of these files (an env
        # value, key names), so only their base64 forms are looked for; 'change-me' in both forms.
        $script:secretValues = @('change-me')
        $script:encodedOnly = @('root', 'password') | ForEach-Object { [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($_)) }
        $script:mount = 'spec.template.spec.containers[0].volumeMounts[0].mountPath'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint finds nothing in the wordpress deployment (line 821)' {
            Test-K8sManifest -Path (Get-NotesYaml B-SECRETS 821) | Should -BeNullOrEmpty
        }

        It 'lint reports the // inside the mountPath (line 870), with file, line, field and the path meant' {
            $issue = Test-K8sManifest -Path (Get-NotesYaml B-SECRETS 870)
            $issue | Should -HaveCount 1
            $issue.ToString() | Should -Match ([regex]::Escape("B-SECRETS-870.yaml:23: warning K8S201 Deployment/helloworld-deployment ${mount}:"))
            $issue.Message | Should -Match "'//' is not a comment in YAML"
            $issue.Fix | Should -Match "did you mean '/etc/creds'\?"
        }

        It 'apply warns the same and applies the document whole, as written (kubectl says nothing)' {
            $file = Get-NotesYaml B-SECRETS 870
            $r = Invoke-ApplyCapture -Path $file -Namespace $ns
            $r.Errors | Should -BeNullOrEmpty
            $r.Warnings | Should -HaveCount 1
            $r.Warnings[0] | Should -Match ([regex]::Escape("B-SECRETS-870.yaml:23: warning K8S201 Deployment/helloworld-deployment ${mount}:"))
            $r.Warnings[0] | Should -Match "did you mean '/etc/creds'\?"
            $r.Actions | Should -Be 'deployment.apps/helloworld-deployment created'
            $spec = (Invoke-TestKubectl -n $ns get deployment helloworld-deployment -Json)['spec']['template']['spec']
            $spec['containers'][0]['volumeMounts'][0]['mountPath'] | Should -Be '/etc/creds // /etc/creds/db-secrets/username, /etc/creds/db-secrets/password'
            $spec['volumes'][0]['secret']['secretName'] | Should -Be 'db-secrets'
            Remove-K8sResource -Path $file -Namespace $ns -Wait -ErrorAction Stop
            Wait-ManifestGone -Path $file -Namespace $ns
        }
    }

    Context 'the corrected copy (examples/B-SECRETS)' {
        BeforeAll {
            $script:applyText = Get-K8sCommandText { Set-K8sResource -Path $exampleFiles -Namespace $ns }
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            $applyText | Should -Not -Match 'error|warning|K8S\d{3}'
            foreach ($a in $created) { $applyText | Should -Match ([regex]::Escape(($a -split ' ')[0]) + '\s+created') }
            $first.Errors | Should -BeNullOrEmpty
            $first.Warnings | Should -BeNullOrEmpty
            $first.Actions | Sort-Object | Should -Be ($created -replace ' created$', ' unchanged')
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'the secrets hold the keys the deployments name' {
            @((Invoke-TestKubectl -n $ns get secret db-secrets -Json)['data'].Keys | Sort-Object) | Should -Be @('password', 'username')
            @((Invoke-TestKubectl -n $ns get secret wordpress-secrets -Json)['data'].Keys) | Should -Be @('db-password')
        }

        It 'the wordpress and mysql containers read db-password by secretKeyRef, as written' {
            $pod = @(Wait-PodsReady $ns 'app=wordpress' -Count 1)[0]
            $containers = @{}; foreach ($c in $pod['spec']['containers']) { $containers[$c['name']] = $c }
            foreach ($pair in @(@('wordpress', 'WORDPRESS_DB_PASSWORD'), @('mysql', 'MYSQL_ROOT_PASSWORD'))) {
                $env = @($containers[$pair[0]]['env'] | Where-Object { $_['name'] -eq $pair[1] })[0]
                $env.ContainsKey('value') | Should -BeFalse
                $env['valueFrom']['secretKeyRef']['name'] | Should -Be 'wordpress-secrets'
                $env['valueFrom']['secretKeyRef']['key'] | Should -Be 'db-password'
            }
        }

        It 'the helloworld pods mount db-secrets read-only at /etc/creds' {
            $pods = Wait-PodsReady $ns 'app=helloworld' -Count 3
            foreach ($pod in $pods) {
                $volume = @($pod['spec']['volumes'] | Where-Object { $_['name'] -eq 'cred-volume' })[0]
                $volume['secret']['secretName'] | Should -Be 'db-secrets'
                $m = @($pod['spec']['containers'][0]['volumeMounts'] | Where-Object { $_['name'] -eq 'cred-volume' })[0]
                $m['mountPath'] | Should -Be '/etc/creds'
                $m['readOnly'] | Should -BeTrue
            }
        }

        It 'no secret value appears in what K8sPS prints: apply, re-apply, -WhatIf, get, lint, remove -WhatIf' {
            $texts = @(
                $applyText
                Get-K8sCommandText { Set-K8sResource -Path $exampleFiles -Namespace $ns }
                Get-K8sCommandText { Set-K8sResource -Path $exampleFiles -Namespace $ns -WhatIf }
                Get-K8sCommandText { Get-K8sResource secret -Namespace $ns }
                Get-K8sCommandText { Get-K8sResource secret db-secrets, wordpress-secrets -Namespace $ns | Format-List * }
                Get-K8sCommandText { Get-K8sResource -Path $exampleFiles -Namespace $ns }
                Get-K8sCommandText { Test-K8sManifest -Path $exampleFiles }
                Get-K8sCommandText { Remove-K8sResource -Path $exampleFiles -Namespace $ns -WhatIf }
            )
            $texts[3] | Should -Match 'db-secrets'
            $texts[2] | Should -Match 'What if: .*secret/db-secrets'
            Find-SecretValue ($texts -join "`n") ($secretValues) | Should -BeNullOrEmpty
            foreach ($e in $encodedOnly) { ($texts -join "`n").Contains($e) | Should -BeFalse -Because "the base64 form $e of a secret value must not be shown" }
        }

        It 'no secret value appears in K8sPS''s warnings and errors for a secret with mistakes in it' {
            $file = Join-Path $TestDrive 'bad-secret.yaml'
            $values = 'Wq8-first-S3cret', 'Zx5-second-S3cret'
            Set-Content -LiteralPath $file -Value @"
apiVersion: v1
kind: Secret
metadata:
  name: bad-secret
type: Opaque
stringData:
  password: $($values[0]) // the root password
  not a key: $($values[1])
"@
            $lint = Get-K8sCommandText { Test-K8sManifest -Path $file }
            $lint | Should -Match 'bad-secret.yaml:7'
            $lint | Should -Match 'Path\s+: stringData.password'
            $apply = Get-K8sCommandText { Set-K8sResource -Path $file -Namespace $ns }
            $apply | Should -Match 'bad-secret.yaml:7: warning K8S201'
            $apply | Should -Match 'Secret "bad-secret" is invalid'
            $whatIf = Get-K8sCommandText { Set-K8sResource -Path $file -Namespace $ns -WhatIf }
            $whatIf | Should -Match 'bad-secret'
            Find-SecretValue ($lint, $apply, $whatIf -join "`n") $values | Should -BeNullOrEmpty
            Invoke-TestKubectl -n $ns get secret bad-secret -AllowFailure | Should -Match 'NotFound'
        }

        It 're-applying says unchanged' {
            $again = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
            $again.Errors | Should -BeNullOrEmpty
            $again.Actions | Sort-Object | Should -Be ($created -replace ' created$', ' unchanged')
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }
}
