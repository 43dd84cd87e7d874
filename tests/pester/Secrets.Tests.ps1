<#
    Secrets, safe by default (issue 10): what New-K8sSecret makes equals kubectl's; what any Secret cmdlet writes
    (Get-K8sSecret, New-K8sSecret, Get-K8sResource secret) holds no value, whatever shows or serializes it; values
    come only from Get-K8sSecretValue, as SecureString unless -AsPlainText; no value reaches any stream, a
    transcript, $Error or an error's text, even with -Verbose, -Debug, $ErrorView DetailedView and requests the
    server refuses; etcd holds the secret encrypted with the cluster's key; a context allowed only ConfigMaps gets
    a clean PermissionDenied on secrets; bad input is a clear error and creates nothing.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-K8sTestModule
    $PSStyle.OutputRendering = 'PlainText'

    # The forms a leaked value would take: as it is, and base64 (a Secret's data).
    function script:Get-ValueForms([string] $Value) {
        $Value
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Value))
    }

    function script:Assert-NoValue([string] $Text, [string[]] $Values, [string] $Where) {
        foreach ($v in $Values) {
            foreach ($form in Get-ValueForms $v) { $Text.Contains($form) | Should -BeFalse -Because "$Where must not show a secret value (found '$form')" }
        }
    }

    # What goes to the host only (the "What if:" lines), through a transcript.
    function script:Get-HostText([scriptblock] $Command) {
        $file = Join-Path $TestDrive "host-$([guid]::NewGuid().ToString('N')).txt"
        $null = Start-Transcript -LiteralPath $file -UseMinimalHeader
        try { & $Command | Out-Null } finally { $null = Stop-Transcript }
        Get-Content -Raw -LiteralPath $file
    }

    # Everything an error record can show: its default and detailed views, every property, the exception chain's properties.
    function script:Get-ErrorText($Records) {
        $text = foreach ($r in @($Records)) {
            $r | Out-String -Width 500
            $r | Format-List * -Force | Out-String -Width 500
            $e = $r.Exception
            while ($e) { $e | Format-List * -Force | Out-String -Width 500; $e = $e.InnerException }
            $r.ErrorDetails | Format-List * -Force | Out-String -Width 500
            $r | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
        }
        $text -join "`n"
    }
}

Describe 'Secrets made by New-K8sSecret equal kubectl''s, and show no value' {
    BeforeAll {
        $script:ns = New-TestNamespace -Prefix 'secrets'
        $script:kns = New-TestNamespace -Prefix 'secrets-kubectl'
        $script:value = 'Cx7-' + [guid]::NewGuid().ToString('N')
        $script:dir = Join-Path $TestDrive 'input'
        $null = New-Item -ItemType Directory $dir
        Set-Content -NoNewline -LiteralPath (Join-Path $dir 'token') -Value $value
        Set-Content -LiteralPath (Join-Path $dir 'app.env') -Value "# settings`nAPI_TOKEN=$value`nMODE=prod"
        # openssl makes the TLS pair, as a user would.
        $script:crt = Join-Path $TestDrive 'tls.crt'; $script:key = Join-Path $TestDrive 'tls.key'
        & openssl req -x509 -newkey rsa:2048 -nodes -keyout $key -out $crt -subj '/CN=web.example.com' -days 2 2>$null
        function script:Compare-Secret([string] $Name) {
            (Get-ComparableSecret $ns $Name) | Should -Be (Get-ComparableSecret $kns $Name)
        }
        function script:Get-ComparableSecret([string] $Namespace, [string] $Name) {
            $o = Invoke-TestKubectl -n $Namespace get secret $Name -Json
            [ordered]@{ type = $o['type']; data = $o['data']; labels = $o['metadata']['labels']; annotations = $o['metadata']['annotations'] } | ConvertTo-Json -Depth 5 -Compress
        }
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    It 'generic from a file, a literal (text, SecureString, PSCredential) and an env file' {
        $secure = ConvertTo-SecureString $value -AsPlainText -Force
        $credential = [pscredential]::new('admin', $secure)
        New-K8sSecret from-file -Namespace $ns -FromFile (Join-Path $dir 'token') -ErrorAction Stop | Out-Null
        $null = Invoke-TestKubectl -n $kns create secret generic from-file "--from-file=$(Join-Path $dir 'token')"
        New-K8sSecret literals -Namespace $ns -FromLiteral @{ text = $value; secure = $secure; credential = $credential } -ErrorAction Stop | Out-Null
        $null = Invoke-TestKubectl -n $kns create secret generic literals "--from-literal=text=$value" "--from-literal=secure=$value" "--from-literal=credential=$value"
        New-K8sSecret env -Namespace $ns -FromEnvFile (Join-Path $dir 'app.env') -ErrorAction Stop | Out-Null
        $null = Invoke-TestKubectl -n $kns create secret generic env "--from-env-file=$(Join-Path $dir 'app.env')"
        foreach ($n in 'from-file', 'literals', 'env') { Compare-Secret $n }
    }

    It 'tls from an openssl pair, basic-auth and docker-registry from a PSCredential' {
        $credential = [pscredential]::new('robot', (ConvertTo-SecureString $value -AsPlainText -Force))
        New-K8sSecret web-tls -Namespace $ns -Type tls -Certificate $crt -PrivateKey $key -ErrorAction Stop | Out-Null
        $null = Invoke-TestKubectl -n $kns create secret tls web-tls "--cert=$crt" "--key=$key"
        New-K8sSecret login -Namespace $ns -Type basic-auth -Credential $credential -ErrorAction Stop | Out-Null
        $null = Invoke-TestKubectl -n $kns create secret generic login --type=kubernetes.io/basic-auth --from-literal=username=robot "--from-literal=password=$value"
        New-K8sSecret regcred -Namespace $ns -Type docker-registry -Server registry.example.com -Credential $credential -Email robot@example.com -ErrorAction Stop | Out-Null
        $null = Invoke-TestKubectl -n $kns create secret docker-registry regcred --docker-server=registry.example.com --docker-username=robot "--docker-password=$value" --docker-email=robot@example.com
        foreach ($n in 'web-tls', 'login', 'regcred') { Compare-Secret $n }
    }

    It '-Force replaces the content as kubectl create --dry-run=client -o yaml | kubectl apply -f - does; -WhatIf says which keys change, masked' {
        New-K8sSecret rotate -Namespace $ns -FromLiteral @{ a = 'one'; b = $value } -ErrorAction Stop | Out-Null
        $null = Invoke-TestKubectl -n $ns label secret rotate team=web
        $whatIf = Get-HostText { New-K8sSecret rotate -Namespace $ns -FromLiteral @{ b = 'changed'; c = 'new' } -Force -WhatIf }
        $whatIf | Should -Match 'Replace \(add c; change b; remove a \(values \*\*\*, as kubectl diff masks them\)\)'
        Assert-NoValue $whatIf @($value, 'changed') '-WhatIf'
        (Invoke-TestKubectl -n $ns get secret rotate -Json)['data'].Keys | Sort-Object | Should -Be @('a', 'b')

        New-K8sSecret rotate -Namespace $ns -FromLiteral @{ b = 'changed'; c = 'new' } -Force -ErrorAction Stop | Out-Null
        $after = Invoke-TestKubectl -n $ns get secret rotate -Json
        $theirs = Invoke-TestKubectl -n $ns create secret generic rotate --from-literal=b=changed --from-literal=c=new --dry-run=client -Json
        @($after['data'].Keys | Sort-Object) | Should -Be @('b', 'c')
        foreach ($k in 'b', 'c') { $after['data'][$k] | Should -Be $theirs['data'][$k] }
        $after['type'] | Should -Be 'Opaque' -Because 'kubectl leaves the type to the server, which makes it Opaque'
        $after['metadata']['labels']['team'] | Should -Be 'web' -Because 'apply keeps the labels of the live object'
        $after['metadata']['annotations'] | Should -BeNullOrEmpty -Because 'no last-applied-configuration, which would hold the values in clear text'
        # Without -Force, an existing secret is the server's AlreadyExists.
        New-K8sSecret rotate -Namespace $ns -FromLiteral @{ b = 'x' } -ErrorAction SilentlyContinue -ErrorVariable err | Out-Null
        $err[0].FullyQualifiedErrorId | Should -Match '^AlreadyExists'
    }

    It 'what Get-K8sSecret, New-K8sSecret and Get-K8sResource write holds no value: table, Format-List *, ConvertTo-Json, Export-Clixml' {
        $outputs = @(
            Get-K8sSecret -Namespace $ns
            Get-K8sResource secret -Namespace $ns
            New-K8sSecret shown -Namespace $ns -FromLiteral @{ v = $value }
        )
        $outputs.Count | Should -BeGreaterThan 6
        $clixml = Join-Path $TestDrive 'secrets.xml'
        $outputs | Export-Clixml -LiteralPath $clixml -Depth 10
        $texts = @(
            $outputs | Out-String -Width 400
            $outputs | Format-List * -Force | Out-String -Width 400
            $outputs | Format-Table * -Force | Out-String -Width 400
            $outputs | ConvertTo-Json -Depth 10
            Get-Content -Raw -LiteralPath $clixml
            ($outputs | ForEach-Object { "$_" }) -join "`n"
        )
        foreach ($t in $texts) { Assert-NoValue $t @($value) 'a secret object' }
        # The issue's own case: kubectl's Secret model would serialize every value as an array of byte numbers.
        $json = Get-K8sResource secret literals -Namespace $ns | ConvertTo-Json -Depth 10
        $json | Should -Not -Match '"Data":\s*\{'
        ($json | ConvertFrom-Json).Keys.Key | Sort-Object | Should -Be @('credential', 'secure', 'text')
        $bytes = ([Text.Encoding]::UTF8.GetBytes($value) | ForEach-Object { "$_" }) -join ',\s*'
        $json | Should -Not -Match $bytes
    }

    It 'Set-K8sResource of a Secret manifest writes a result that holds no value, and the secret is applied' {
        $file = Join-Path $TestDrive 'applied.yaml'
        Set-Content -LiteralPath $file -Value "apiVersion: v1`nkind: Secret`nmetadata:`n  name: applied`nstringData:`n  token: $value`n"
        $result = Set-K8sResource -Path $file -Namespace $ns -ErrorAction Stop
        "$result" | Should -Be 'secret/applied created'
        $texts = @(
            $result | Format-List * -Force | Out-String -Width 400
            $result | ConvertTo-Json -Depth 12 -WarningAction SilentlyContinue
            $result.Object.ToJsonString()
        )
        foreach ($t in $texts) { Assert-NoValue $t @($value) 'an apply result' }
        $result.Object['data']['token'].ToString() | Should -Be '***'
        Get-K8sSecretValue applied -Namespace $ns -Key token -AsPlainText | Should -Be $value
    }

    It 'the views read like kubectl get secrets and describe (keys and sizes)' {
        $table = Get-K8sSecret literals, web-tls -Namespace $ns | Out-String -Width 300
        $theirs = Invoke-TestKubectl -n $ns get secret literals web-tls
        $table | Should -Match 'NAME\s+TYPE\s+DATA\s+AGE'
        $table | Should -Match 'literals\s+Opaque\s+3\s'
        $table | Should -Match 'web-tls\s+kubernetes.io/tls\s+2\s'
        ($theirs -join "`n") | Should -Match 'web-tls\s+kubernetes.io/tls\s+2\s'
        $list = Get-K8sSecret literals -Namespace $ns | Format-List | Out-String -Width 300
        $list | Should -Match 'Keys\s*:\s*credential, secure, text'
        $list | Should -Match ('Sizes\s*:\s*credential: {0} bytes' -f $value.Length)
        $all = Get-K8sSecret -AllNamespaces | Out-String -Width 300
        $all | Should -Match "NAMESPACE\s+NAME\s+TYPE\s+DATA\s+AGE"
        $all | Should -Match "$ns\s+literals\s+Opaque\s+3"
    }

    It 'values come only from Get-K8sSecretValue: SecureString by default, text with -AsPlainText, bytes with -AsByteArray' {
        $secure = Get-K8sSecretValue literals -Namespace $ns -Key text
        $secure | Should -BeOfType [securestring]
        [Net.NetworkCredential]::new('', $secure).Password | Should -Be $value
        Get-K8sSecretValue literals -Namespace $ns -Key text -AsPlainText | Should -Be $value
        [Text.Encoding]::UTF8.GetString((Get-K8sSecretValue literals -Namespace $ns -Key secure -AsByteArray)) | Should -Be $value
        $all = Get-K8sSecret literals -Namespace $ns | Get-K8sSecretValue
        @($all.Keys) | Should -Be @('credential', 'secure', 'text')
        Assert-NoValue ($all | ConvertTo-Json -Depth 5) @($value) 'the SecureString values'
        Get-K8sSecretValue literals -Namespace $ns -Key nope -ErrorAction SilentlyContinue -ErrorVariable err | Out-Null
        $err[0].Exception.Message | Should -Be "couldn't find key nope in Secret $ns/literals"
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'credential, secure, text'
    }

    It 'ConvertTo-K8sYaml is the explicit export, with the data, as kubectl get -o yaml' {
        $ours = Get-K8sSecret literals -Namespace $ns | ConvertTo-K8sYaml
        $theirs = (Invoke-TestKubectl -n $ns get secret literals -o yaml) -join "`n"
        $ours.TrimEnd() | Should -Be $theirs.TrimEnd()
        $ours | Should -Match ([regex]::Escape([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($value))))
    }
}

Describe 'No secret value leaks: -Verbose, -Debug, a transcript, refused requests, $ErrorView DetailedView' {
    BeforeAll {
        $script:ns = New-TestNamespace -Prefix 'secret-leaks'
        $script:values = @(('Lk1-' + [guid]::NewGuid().ToString('N')), ('Lk2-' + [guid]::NewGuid().ToString('N')))
        $script:file = Join-Path $TestDrive 'password.txt'
        Set-Content -NoNewline -LiteralPath $file -Value $values[1]
    }

    AfterAll { Remove-TestNamespace $script:ns }

    It 'creating, reading, replacing and refused requests show no value anywhere' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $savedView = $ErrorView
        $global:ErrorView = 'DetailedView'
        $Error.Clear()
        $secure = ConvertTo-SecureString $values[0] -AsPlainText -Force
        $null = Start-Transcript -LiteralPath $transcript
        try {
            $streams = & {
                New-K8sSecret db -Namespace $ns -FromLiteral @{ password = $secure } -FromFile "user=$file" -Verbose -Debug
                Get-K8sSecret db -Namespace $ns -Verbose -Debug
                Get-K8sSecret db -Namespace $ns -Verbose -Debug | Format-List * -Force
                Get-K8sResource secret db -Namespace $ns -Verbose -Debug | Format-List * -Force
                Get-K8sSecretValue db -Namespace $ns -Verbose -Debug
                New-K8sSecret db -Namespace $ns -FromLiteral @{ password = $values[1] } -Force -WhatIf -Verbose -Debug
                New-K8sSecret db -Namespace $ns -FromLiteral @{ password = $values[1] } -Force -Verbose -Debug
                # Refused by the server: it exists; its namespace does not; its type needs a JSON docker config.
                New-K8sSecret db -Namespace $ns -FromLiteral @{ password = $secure } -Verbose -Debug
                New-K8sSecret db -Namespace "$ns-missing" -FromLiteral @{ password = $secure } -Verbose -Debug
                New-K8sSecret docker -Namespace $ns -Type kubernetes.io/dockerconfigjson -FromLiteral @{ '.dockerconfigjson' = "{`"auths`": $($values[0])" } -Verbose -Debug
                # Refused before sending: a key the server would refuse.
                New-K8sSecret bad -Namespace $ns -FromLiteral @{ 'bad key' = $secure } -Verbose -Debug
            } *>&1 | Out-String -Width 500
            $errorText = Get-ErrorText $Error
            $shownErrors = $Error | Out-String -Width 500
            $getError = Get-Error -Newest 5 | Out-String -Width 500
        } finally {
            $null = Stop-Transcript
            $global:ErrorView = $savedView
        }
        $Error.Count | Should -BeGreaterOrEqual 4
        $streams | Should -Match 'POST /api/v1/namespaces/[^ ]+/secrets\?fieldManager=k8sps 201 Created'
        $streams | Should -Match 'POST /api/v1/namespaces/[^ ]+/secrets\?fieldManager=k8sps 422'
        $streams | Should -Match 'Performing the operation "Create \(Opaque: password \(\d+ bytes\), user \(\d+ bytes\)\)"'
        $errorText | Should -Match 'AlreadyExists'
        $errorText | Should -Match 'namespaces "[^"]+-missing" not found'
        $errorText | Should -Match 'data\[\.dockerconfigjson\]: Invalid value: "<secret contents redacted>"'
        $errorText | Should -Match 'is not a valid key name'
        $hostText = Get-Content -Raw -LiteralPath $transcript
        $hostText | Should -Match 'What if: .*Replace \(change password; remove user'
        foreach ($t in @($streams, $errorText, $shownErrors, $getError, $hostText)) {
            Assert-NoValue $t $values 'the streams, the transcript and $Error'
        }
        # The values are really there (so the checks above could fail): read them on purpose.
        Get-K8sSecretValue db -Namespace $ns -Key password -AsPlainText | Should -Be $values[1]
    }

    It 'Get-K8sPodEnvironment masks a secret value, and one that $(VAR) expansion pulls into another variable' {
        New-K8sSecret app -Namespace $ns -FromLiteral @{ token = $values[0] } -ErrorAction Stop | Out-Null
        $pod = @"
apiVersion: v1
kind: Pod
metadata: {name: reader}
spec:
  containers:
  - name: app
    image: nginx
    env:
    - {name: TOKEN, valueFrom: {secretKeyRef: {name: app, key: token}}}
    - {name: HEADER, value: "Bearer `$(TOKEN)"}
"@
        $podFile = Join-Path $TestDrive 'reader.yaml'
        Set-Content -LiteralPath $podFile -Value $pod
        Set-K8sResource -Path $podFile -Namespace $ns -ErrorAction Stop | Out-Null
        $envs = Get-K8sPodEnvironment reader -Namespace $ns
        $envs['TOKEN'].IsSecret | Should -BeTrue
        $envs['TOKEN'].Value | Should -BeNullOrEmpty
        $envs['HEADER'].IsSecret | Should -BeTrue
        $text = @($envs | Out-String -Width 400; $envs | ConvertTo-Json -Depth 6; $envs | Format-List * -Force | Out-String -Width 400) -join "`n"
        $text | Should -Match 'TOKEN\s+<secret, \d+ bytes>\s+secret app key token'
        Assert-NoValue $text @($values[0]) 'Get-K8sPodEnvironment'
        (Get-K8sPodEnvironment reader -Namespace $ns -AsPlainText)['HEADER'].Value | Should -Be "Bearer $($values[0])"
    }

    It 'etcd holds the secret encrypted with the cluster''s aescbc key, not its value' {
        New-K8sSecret at-rest -Namespace $ns -FromLiteral @{ password = $values[0] } -ErrorAction Stop | Out-Null
        $cluster = Get-K8sLocalCluster -Name $env:K8SPS_TEST_CONTEXT -ErrorAction Stop
        $config = Get-Content -Raw -LiteralPath (Join-Path $cluster.Folder 'pki/encryption-config.yaml')
        $config | Should -Match '- aescbc:'
        (Get-Item -LiteralPath (Join-Path $cluster.Folder 'pki/encryption-config.yaml')).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        $keyName = [regex]::Match($config, 'name: (\S+)').Groups[1].Value
        $aesKey = [Convert]::FromBase64String([regex]::Match($config, 'secret: (\S+)').Groups[1].Value)
        $latin1 = [Text.Encoding]::Latin1
        $storedKey = "/registry/secrets/$ns/at-rest"
        $found = $null
        $copy = Join-Path $TestDrive 'etcd-copy'
        $files = Wait-TestCondition -Because 'the secret to reach the etcd write-ahead log' -Condition {
            # etcd holds exclusive locks on its files, which .NET's reads respect: read copies (cp takes no lock).
            Remove-Item -LiteralPath $copy -Recurse -Force -ErrorAction SilentlyContinue
            & cp -r (Join-Path $cluster.Folder 'etcd') $copy
            $texts = @(Get-ChildItem -LiteralPath $copy -Recurse -File | ForEach-Object { $latin1.GetString([IO.File]::ReadAllBytes($_.FullName)) })
            if ($texts | Where-Object { $_.Contains($storedKey) }) { , $texts }
        }
        foreach ($t in $files) {
            foreach ($form in Get-ValueForms $values[0]) { $t.Contains($form) | Should -BeFalse -Because 'no etcd file may hold the value' }
            # A put of the key: field 1 the key, field 2 the value (length-prefixed), as etcd's protobuf writes them.
            $at = $t.IndexOf($storedKey + [char]0x12, [StringComparison]::Ordinal)
            while ($at -ge 0 -and -not $found) {
                $p = $at + $storedKey.Length + 1
                $length = 0; $shift = 0
                do { $b = [int]$t[$p++]; $length = $length -bor (($b -band 0x7f) -shl $shift); $shift += 7 } while ($b -band 0x80)
                $found = $t.Substring($p, $length)
                $at = $t.IndexOf($storedKey + [char]0x12, $at + 1, [StringComparison]::Ordinal)
            }
        }
        $found | Should -Not -BeNullOrEmpty
        $prefix = "k8s:enc:aescbc:v1:${keyName}:"
        $found.StartsWith($prefix, [StringComparison]::Ordinal) | Should -BeTrue
        # Decrypted with the cluster's key (AES-CBC, the IV first), it is the secret: the value is in there.
        $cipher = $latin1.GetBytes($found.Substring($prefix.Length))
        $aes = [Security.Cryptography.Aes]::Create()
        $aes.Key = $aesKey
        $plain = $aes.DecryptCbc([byte[]]$cipher[16..($cipher.Length - 1)], [byte[]]$cipher[0..15])
        $latin1.GetString($plain).Contains($values[0]) | Should -BeTrue
    }
}

Describe 'A context allowed only ConfigMaps: a clean PermissionDenied on secrets, ConfigMaps still work' {
    BeforeAll {
        $script:ns = New-TestNamespace -Prefix 'secret-rbac'
        $null = Invoke-TestKubectl -n $ns create serviceaccount cm-only
        $null = Invoke-TestKubectl -n $ns create role configmaps '--verb=get,list,create,update,delete' '--resource=configmaps'
        $null = Invoke-TestKubectl -n $ns create rolebinding cm-only --role=configmaps "--serviceaccount=${ns}:cm-only"
        $null = Invoke-TestKubectl -n $ns create secret generic guarded --from-literal=k=v
        # 1.20 has no TokenRequest through kubectl create token: the account's token secret.
        $secretName = Wait-TestCondition -Because 'the token secret of the service account' -Condition {
            (Invoke-TestKubectl -n $ns get serviceaccount cm-only -Json)['secrets'] | Select-Object -First 1 | ForEach-Object { $_['name'] }
        }
        $token = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String((Invoke-TestKubectl -n $ns get secret $secretName -Json)['data']['token']))
        $view = Invoke-TestKubectl config view --raw -Json
        $script:config = Join-Path $TestDrive 'cm-only.kubeconfig'
        @"
apiVersion: v1
kind: Config
clusters:
- name: t
  cluster: {server: "$($view['clusters'][0]['cluster']['server'])", certificate-authority-data: "$($view['clusters'][0]['cluster']['certificate-authority-data'])"}
users:
- name: cm-only
  user: {token: "$token"}
contexts:
- name: cm-only
  context: {cluster: t, user: cm-only, namespace: $ns}
current-context: cm-only
"@ | Set-Content -LiteralPath $config
        function script:Invoke-AsConfigMapOnly([scriptblock] $Command) {
            $saved = $env:KUBECONFIG
            $env:KUBECONFIG = $config
            try { & $Command } finally { $env:KUBECONFIG = $saved }
        }
    }

    AfterAll { Remove-TestNamespace $script:ns }

    It '<Command>: one PermissionDenied error naming the verb, the resource and the namespace' -ForEach @(
        @{ Verb = 'list'; Command = 'Get-K8sSecret -Context cm-only' }
        @{ Verb = 'get'; Command = 'Get-K8sSecret guarded -Context cm-only' }
        @{ Verb = 'get'; Command = 'Get-K8sSecretValue guarded -Context cm-only' }
        @{ Verb = 'create'; Command = 'New-K8sSecret made -Context cm-only -FromLiteral @{ k = ''v'' }' }
    ) {
        $run = [scriptblock]::Create($Command)
        $all = @(Invoke-AsConfigMapOnly { & $run 2>&1 })
        $err = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err[0].FullyQualifiedErrorId | Should -Match '^Forbidden,'
        $err[0].Exception.GetType().FullName | Should -Be 'K8sPS.Engine.Errors.K8sException'
        $err[0].Exception.InnerException | Should -BeNullOrEmpty
        $err[0].Exception.Message | Should -Match "cannot $Verb resource `"secrets`" in API group `"`" in the namespace `"$ns`""
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'RBAC'
    }

    It 'nothing was created, and the ConfigMap cmdlets go on working in the same context' {
        Invoke-TestKubectl -n $ns get secret made -AllowFailure | Out-String | Should -Match 'NotFound'
        Invoke-AsConfigMapOnly {
            New-K8sConfigMap settings -Context cm-only -FromLiteral @{ mode = 'prod' } -ErrorAction Stop | Out-Null
            (Get-K8sConfigMap settings -Context cm-only -ErrorAction Stop).Data['mode'] | Should -Be 'prod'
            New-K8sConfigMap settings -Context cm-only -FromLiteral @{ mode = 'test' } -Force -ErrorAction Stop | Out-Null
            (Get-K8sConfigMap -Context cm-only -ErrorAction Stop).Name | Should -Contain 'settings'
        }
        (Invoke-TestKubectl -n $ns get configmap settings -Json)['data']['mode'] | Should -Be 'test'
    }
}

Describe 'Bad input: a clear error, and nothing created' {
    BeforeAll {
        $script:ns = New-TestNamespace -Prefix 'secret-bad'
        $script:dir = Join-Path $TestDrive 'bad'
        $null = New-Item -ItemType Directory (Join-Path $dir 'folder/sub') -Force
        Set-Content -LiteralPath (Join-Path $dir 'folder/a.txt') -Value 'a'
        Set-Content -LiteralPath (Join-Path $dir 'one.txt') -Value 'one'
        & openssl req -x509 -newkey rsa:2048 -nodes -keyout (Join-Path $dir 'a.key') -out (Join-Path $dir 'a.crt') -subj '/CN=a' -days 2 2>$null
        & openssl genrsa -out (Join-Path $dir 'b.key') 2048 2>$null
        [IO.File]::WriteAllBytes((Join-Path $dir 'big.bin'), [byte[]]::new(1024 * 1024 + 1))
    }

    AfterAll { Remove-TestNamespace $script:ns }

    It '<Case>: <Id>' -ForEach @(
        @{ Case = 'a missing file'; Id = 'FileNotFound'; Category = 'ObjectNotFound'; Message = 'error reading .*nope\.txt: no such file or directory'; Command = 'New-K8sSecret s -Namespace $ns -FromFile (Join-Path $dir nope.txt)' }
        @{ Case = 'a folder with a subfolder'; Id = 'FolderEntrySkipped'; Category = 'InvalidArgument'; Message = 'holds the subfolder "sub", which kubectl would skip silently'; Command = 'New-K8sSecret s -Namespace $ns -FromFile (Join-Path $dir folder)' }
        @{ Case = 'an invalid key'; Id = 'InvalidKey'; Category = 'InvalidArgument'; Message = [regex]::Escape('"my key" is not a valid key name for a Secret: a valid config key must consist of alphanumeric characters, ''-'', ''_'' or ''.''') + '.*' + [regex]::Escape("regex used for validation is '[-._a-zA-Z0-9]+'"); Command = 'New-K8sSecret s -Namespace $ns -FromFile "my key=$(Join-Path $dir one.txt)"' }
        @{ Case = 'a duplicate key'; Id = 'DuplicateKey'; Category = 'InvalidArgument'; Message = 'cannot add key one.txt, another key by that name already exists'; Command = 'New-K8sSecret s -Namespace $ns -FromFile (Join-Path $dir one.txt) -FromLiteral @{ "one.txt" = "x" }' }
        @{ Case = 'a tls pair that does not match'; Id = 'InvalidTlsKeyPair'; Category = 'InvalidArgument'; Message = 'tls: private key does not match public key'; Command = 'New-K8sSecret s -Namespace $ns -Type tls -Certificate (Join-Path $dir a.crt) -PrivateKey (Join-Path $dir b.key)' }
        @{ Case = 'a secret over 1 MiB'; Id = 'Invalid'; Category = 'InvalidArgument'; Message = 'Too long: must have at most 1048576 bytes'; Command = 'New-K8sSecret s -Namespace $ns -FromFile (Join-Path $dir big.bin)' }
        @{ Case = 'a config map over 1 MiB'; Id = 'Invalid'; Category = 'InvalidArgument'; Message = 'Too long: must have at most 1048576 bytes'; Command = 'New-K8sConfigMap s -Namespace $ns -FromFile (Join-Path $dir big.bin)' }
    ) {
        $run = [scriptblock]::Create($Command)
        $all = @(& $run 2>&1)
        $err = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $cmdlet = if ($Case -like '*config map*') { 'K8sPS.Config.NewK8sConfigMapCommand' } else { 'K8sPS.Secrets.NewK8sSecretCommand' }
        $err[0].FullyQualifiedErrorId | Should -Be "$Id,$cmdlet"
        $err[0].CategoryInfo.Category | Should -Be $Category
        $err[0].Exception.Message | Should -Match $Message
        foreach ($kind in 'secret', 'configmap') { Invoke-TestKubectl -n $ns get $kind s -AllowFailure | Out-String | Should -Match 'NotFound' }
    }
}
