<#
    B-SECRETS (kubernetes-notes.md lines 800-899): secrets made with `kubectl create secret generic`, read by a
    wordpress + mysql deployment as env (secretKeyRef, line 821) and by a helloworld deployment as files
    (a secret volume, line 870). Line 821 is right. Line 870's mountPath is `/etc/creds // /etc/creds/...`:
    YAML has no `//` comments, so the server takes the whole text as the path and kubectl says nothing.
    K8sPS warns with the line and the path meant; a warning does not stop a document, so the notes' copy
    is applied whole, as written (the scenario removes it again). examples/B-SECRETS adds secrets.yaml, the
    two secrets the deployments read. No secret value may appear in anything K8sPS prints here: its
    default output, warnings and errors, even for a secret with a mistake in it.
    The notes' kubectl create secret commands (lines 805-815) run through New-K8sSecret and kubectl from the same
    files (keys made here with ssh-keygen and openssl) and must make the same secrets; line 815 is malformed
    (kubectl has no --ssl-cert flag) and New-K8sSecret's help shows the corrected forms. Get-K8sPodEnvironment
    shows what the containers get as the kubelet computes it: db-password from the secret (masked), the secret
    volume's files at /etc/creds, and, for line 870 as written, the files landing under the whole "path".
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
        $script:cns = New-TestNamespace -Prefix 'b-secrets-cmdlets'
        $script:ckns = New-TestNamespace -Prefix 'b-secrets-cmdlets-kubectl'
        # The notes' files (lines 807-808: echo -n, so no newline) and the SSH key and certificate of line 815.
        $script:work = Join-Path $TestDrive 'notes'
        $null = New-Item -ItemType Directory $work
        Set-Content -NoNewline -LiteralPath (Join-Path $work 'username.txt') -Value 'root'
        Set-Content -NoNewline -LiteralPath (Join-Path $work 'password.txt') -Value 'password'
        & ssh-keygen -q -t rsa -b 2048 -N '' -C 'b-secrets test' -f (Join-Path $work 'id_rsa')
        & openssl req -x509 -newkey rsa:2048 -nodes -keyout (Join-Path $work 'mysslcert.key') -out (Join-Path $work 'mysslcert.crt') -subj '/CN=mysite.example.com' -days 2 2>$null
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
        Remove-TestNamespace $script:cns
        Remove-TestNamespace $script:ckns
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

        It 'Get-K8sPodEnvironment shows where line 870 puts the files: under the whole text, not /etc/creds' {
            # The notes' own secret (line 809: keys named after the files), then the deployment as written.
            Push-Location $work
            try { New-K8sSecret db-secrets -Namespace $ns -FromFile ./username.txt, ./password.txt -ErrorAction Stop | Out-Null }
            finally { Pop-Location }
            $file = Get-NotesYaml B-SECRETS 870
            Set-K8sResource -Path $file -Namespace $ns -WarningAction SilentlyContinue -ErrorAction Stop | Out-Null
            try {
                $pod = @(Wait-PodsReady $ns 'app=helloworld' -Count 1)[0]
                $envs = @(Get-K8sPodEnvironment $pod['metadata']['name'] -Namespace $ns -ErrorAction Stop)
                $files = @($envs[0].Files | Where-Object { $_.Source.ObjectName -eq 'db-secrets' })
                $written = '/etc/creds // /etc/creds/db-secrets/username, /etc/creds/db-secrets/password'
                @($files.ContainerPath) | Should -Be @("$written/password.txt", "$written/username.txt")
                @($envs[0].Files.ContainerPath) | Should -Not -Contain '/etc/creds/username'
                ($envs[0].Mounts | Where-Object VolumeName -EQ 'cred-volume').MountPath | Should -Be $written
            } finally {
                Remove-K8sResource -Path $file -Namespace $ns -Wait -ErrorAction Stop
                Invoke-TestKubectl -n $ns delete secret db-secrets --wait=true | Out-Null
                Wait-ManifestGone -Path $file -Namespace $ns
            }
        }
    }

    Context 'the notes'' kubectl create secret commands, with New-K8sSecret (lines 805-815)' {
        It 'username.txt and password.txt (lines 807-809): the keys are the file names, the secret is kubectl''s' {
            Push-Location $work
            try {
                New-K8sSecret db-secrets -Namespace $cns -FromFile ./username.txt, ./password.txt -ErrorAction Stop | Out-Null
                $null = Invoke-TestKubectl -n $ckns create secret generic db-secrets --from-file=./username.txt --from-file=./password.txt
            } finally { Pop-Location }
            Get-ComparableObject $cns Secret db-secrets | Should -Be (Get-ComparableObject $ckns Secret db-secrets)
            (Get-K8sSecret db-secrets -Namespace $cns).Keys.Key | Should -Be @('password.txt', 'username.txt')
            Get-K8sSecretValue db-secrets -Namespace $cns -Key username.txt -AsPlainText | Should -Be 'root'
        }

        It 'line 815 is malformed (kubectl: unknown flag: --ssl-cert); New-K8sSecret''s help shows the corrected kubectl and K8sPS forms' {
            $notes = Invoke-TestKubectl -n $ckns create secret generic ssl-certificate '--from-file=ssh-privatekey=~/.ssh/id_rsa' '--ssl-cert=ssl-cert=mysslcert.crt' -AllowFailure
            ($notes -join "`n") | Should -Match 'unknown flag: --ssl-cert'
            $help = (Get-Help New-K8sSecret -Full | Out-String -Width 500) -replace '\s+', ' '
            $help | Should -Match ([regex]::Escape('kubectl create secret generic ssl-certificate --from-file=ssh-privatekey=$HOME/.ssh/id_rsa --from-file=ssl-cert=mysslcert.crt'))
            $help | Should -Match ([regex]::Escape('New-K8sSecret ssl-certificate -FromFile ssh-privatekey=~/.ssh/id_rsa, ssl-cert=mysslcert.crt'))
        }

        It 'the corrected line 815 makes the same secret with both tools, from a key and certificate made here' {
            Push-Location $work
            try {
                New-K8sSecret ssl-certificate -Namespace $cns -FromFile ssh-privatekey=./id_rsa, ssl-cert=./mysslcert.crt -ErrorAction Stop | Out-Null
                $null = Invoke-TestKubectl -n $ckns create secret generic ssl-certificate --from-file=ssh-privatekey=./id_rsa --from-file=ssl-cert=./mysslcert.crt
            } finally { Pop-Location }
            Get-ComparableObject $cns Secret ssl-certificate | Should -Be (Get-ComparableObject $ckns Secret ssl-certificate)
            (Get-K8sSecret ssl-certificate -Namespace $cns).Keys.Key | Should -Be @('ssh-privatekey', 'ssl-cert')
        }

        It 'the typed forms: ssh-auth from the SSH key, tls from the certificate and its key, each kubectl''s; a public key is refused' {
            New-K8sSecret ssh-key -Namespace $cns -Type ssh-auth -PrivateKey (Join-Path $work 'id_rsa') -ErrorAction Stop | Out-Null
            $null = Invoke-TestKubectl -n $ckns create secret generic ssh-key --type=kubernetes.io/ssh-auth "--from-file=ssh-privatekey=$(Join-Path $work 'id_rsa')"
            New-K8sSecret mysslcert -Namespace $cns -Type tls -Certificate (Join-Path $work 'mysslcert.crt') -PrivateKey (Join-Path $work 'mysslcert.key') -ErrorAction Stop | Out-Null
            $null = Invoke-TestKubectl -n $ckns create secret tls mysslcert "--cert=$(Join-Path $work 'mysslcert.crt')" "--key=$(Join-Path $work 'mysslcert.key')"
            foreach ($n in 'ssh-key', 'mysslcert') { Get-ComparableObject $cns Secret $n | Should -Be (Get-ComparableObject $ckns Secret $n) }
            (Get-K8sSecret mysslcert -Namespace $cns).Type | Should -Be 'kubernetes.io/tls'
            New-K8sSecret pub-key -Namespace $cns -Type ssh-auth -PrivateKey (Join-Path $work 'id_rsa.pub') -ErrorAction SilentlyContinue -ErrorVariable err | Out-Null
            $err[0].FullyQualifiedErrorId | Should -Match '^PublicKeyGiven,'
            Invoke-TestKubectl -n $cns get secret pub-key -AllowFailure | Out-String | Should -Match 'NotFound'
        }

        It 'no value of these secrets appears in what New-K8sSecret and Get-K8sSecret print' {
            $text = Get-K8sCommandText {
                Get-K8sSecret -Namespace $cns
                Get-K8sSecret -Namespace $cns | Format-List *
                Get-K8sSecret -Namespace $cns | ConvertTo-Json -Depth 5
                Push-Location $work
                try { New-K8sSecret db-secrets -Namespace $cns -FromFile ./username.txt, ./password.txt -Force -WhatIf } finally { Pop-Location }
            }
            $text | Should -Match 'ssl-certificate'
            $key = (Get-Content -Raw (Join-Path $work 'id_rsa')) -split "`n" | Where-Object { $_ -and $_ -notmatch '^-----' } | Select-Object -First 1
            # 'password' and 'root' are also key and file names here: only their base64 forms are looked for.
            Find-SecretValue $text @($key) | Should -BeNullOrEmpty
            foreach ($e in $encodedOnly) { $text.Contains($e) | Should -BeFalse -Because "the base64 form $e of a secret value must not be shown" }
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

        It 'Get-K8sPodEnvironment: wordpress and mysql get db-password from wordpress-secrets, masked unless -AsPlainText' {
            $pod = @(Wait-PodsReady $ns 'app=wordpress' -Count 1)[0]['metadata']['name']
            $wordpress = Get-K8sPodEnvironment $pod -Namespace $ns -Container wordpress -ErrorAction Stop
            $mysql = Get-K8sPodEnvironment $pod -Namespace $ns -Container mysql -ErrorAction Stop
            foreach ($pair in @(@($wordpress, 'WORDPRESS_DB_PASSWORD', 'spec.containers[0].env[0]'), @($mysql, 'MYSQL_ROOT_PASSWORD', 'spec.containers[1].env[1]'))) {
                $v = $pair[0][$pair[1]]
                $v.IsSecret | Should -BeTrue
                $v.Value | Should -BeNullOrEmpty
                $v.Size | Should -Be 'change-me'.Length
                $v.Source | Should -Be "secret wordpress-secrets key db-password ($($pair[2]))"
            }
            $wordpress['WORDPRESS_DB_HOST'].Value | Should -Be '127.0.0.1'
            $wordpress['WORDPRESS_DB_USER'].Value | Should -Be 'root'
            $mysql['MYSQL_DATABASE'].Value | Should -Be 'wordpress'
            $wordpress.Failure | Should -BeNullOrEmpty
            (Get-K8sPodEnvironment $pod -Namespace $ns -Container mysql -AsPlainText)['MYSQL_ROOT_PASSWORD'].Value | Should -Be 'change-me'
            $text = Get-K8sCommandText { Get-K8sPodEnvironment $pod -Namespace $ns }
            $text | Should -Match 'WORDPRESS_DB_PASSWORD\s+<secret, 9 bytes>\s+secret wordpress-secrets key db-password'
            Find-SecretValue $text $secretValues | Should -BeNullOrEmpty
        }

        It 'Get-K8sPodEnvironment: the helloworld containers see the secret''s files at the corrected mount path /etc/creds' {
            $pod = @(Wait-PodsReady $ns 'app=helloworld' -Count 3)[0]['metadata']['name']
            $setup = Get-K8sPodEnvironment $pod -Namespace $ns -ErrorAction Stop
            $files = @($setup.Files | Where-Object { $_.Source.Kind -eq 'secret' -and $_.Source.ObjectName -eq 'db-secrets' })
            @($files.ContainerPath) | Should -Be @('/etc/creds/password', '/etc/creds/username')
            @($files.Size) | Should -Be @(8, 4)
            @($files.ModeOctal | Select-Object -Unique) | Should -Be '0644'
            ($setup.Mounts | Where-Object VolumeName -EQ 'cred-volume').ReadOnly | Should -BeTrue
            $text = Get-K8sCommandText { Get-K8sPodEnvironment $pod -Namespace $ns }
            $text | Should -Match '/etc/creds/username\s+0644\s+4\s+secret db-secrets key username'
            foreach ($e in $encodedOnly) { $text.Contains($e) | Should -BeFalse }
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
                Get-K8sCommandText { Get-K8sSecret -Namespace $ns | Format-List * }
                Get-K8sCommandText { Get-K8sSecret -Namespace $ns | ConvertTo-Json -Depth 5 }
                Get-K8sCommandText { Get-K8sResource secret -Namespace $ns | ConvertTo-Json -Depth 5 }
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
