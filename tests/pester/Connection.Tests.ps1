<#
    The one request path (issue "Engine: one request path"): typed cmdlets (Get-K8sPod) and dynamic ones
    (Get-, Set-, Remove-K8sResource) verify the API server's certificate as kubectl does. A kubeconfig whose
    tls-server-name is in the apiserver's certificate works for all of them; a name the certificate lacks (by
    tls-server-name, or by a server URL whose host is not in it), and a certificate the cluster's CA signed for
    another purpose, fail every one of them with the same TLS error kubectl gives, and change nothing. Also:
    -Debug shows one line per request and never a credential or a secret value.
    Everything stays on loopback: the "other" host is 127.0.0.2, a relay to the apiserver on 127.0.0.1.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'The API server is verified as kubectl verifies it' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        Add-Type -Path (Join-Path $PSScriptRoot 'Connection/LoopbackFronts.cs')
        $script:ns = New-TestNamespace -Prefix 'tls'
        $script:testConfig = $env:KUBECONFIG
        $view = Invoke-TestKubectl config view --raw -Json
        $script:cluster = $view['clusters'][0]['cluster']
        $script:user = $view['users'][0]['user']
        $script:server = [uri]$cluster['server']

        # A kubeconfig for the test cluster's credentials with another server URL or tls-server-name.
        function New-VariantKubeconfig([string] $Name, [string] $Server, [string] $TlsServerName) {
            $tls = if ($TlsServerName) { "`n    tls-server-name: $TlsServerName" } else { '' }
            $path = Join-Path $TestDrive "$Name.kubeconfig"
            @"
apiVersion: v1
kind: Config
clusters:
- name: variant
  cluster:
    server: $Server
    certificate-authority-data: $($cluster['certificate-authority-data'])$tls
users:
- name: variant
  user:
    client-certificate-data: $($user['client-certificate-data'])
    client-key-data: $($user['client-key-data'])
contexts:
- name: variant
  context: {cluster: variant, user: variant, namespace: $ns}
current-context: variant
"@ | Set-Content -LiteralPath $path
            $path
        }

        # Runs a command under another kubeconfig and returns the error it ended with (or $null).
        function Get-ErrorUnder([string] $Kubeconfig, [scriptblock] $Command) {
            $saved = $env:KUBECONFIG
            $env:KUBECONFIG = $Kubeconfig
            try { & $Command | Out-Null; $null } catch { $_ } finally { $env:KUBECONFIG = $saved }
        }

        # The x509 sentence kubectl prints for a kubeconfig it refuses.
        function Get-KubectlRefusal([string] $Kubeconfig) {
            $out = & kubectl --kubeconfig $Kubeconfig get configmaps -n $ns 2>&1 | Out-String
            $LASTEXITCODE | Should -Not -Be 0 -Because 'kubectl refuses this server too'
            if ($out -match '(x509: [^\r\n"]+)') { $Matches[1].Trim() } else { throw "kubectl gave no x509 reason: $out" }
        }

        $script:manifest = Join-Path $TestDrive 'tls-new.yaml'
        @"
apiVersion: v1
kind: ConfigMap
metadata:
  name: tls-new
data:
  k: v
"@ | Set-Content -LiteralPath $manifest
        $script:kept = Join-Path $TestDrive 'tls-kept.yaml'
        (Get-Content -Raw $manifest).Replace('tls-new', 'tls-kept') | Set-Content -LiteralPath $kept
        $null = Invoke-TestKubectl -n $ns apply -f $kept

        # Every cmdlet of both request paths, each in its way of reaching the server.
        $script:commands = [ordered]@{
            'Get-K8sPod'         = { Get-K8sPod -Namespace $ns -ErrorAction Stop }
            'Get-K8sResource'    = { Get-K8sResource configmap tls-kept -Namespace $ns -ErrorAction Stop }
            'Set-K8sResource'    = { Set-K8sResource -Path $manifest -Namespace $ns -ErrorAction Stop }
            'Remove-K8sResource' = { Remove-K8sResource -Path $kept -Namespace $ns -Confirm:$false -ErrorAction Stop }
        }
    }

    AfterAll {
        Remove-TestNamespace $script:ns
    }

    It 'a tls-server-name that is in the certificate (kubernetes) works for typed and dynamic cmdlets alike' {
        $config = New-VariantKubeconfig 'good' $server.AbsoluteUri.TrimEnd('/') 'kubernetes'
        & kubectl --kubeconfig $config get configmap tls-kept -n $ns -o name | Should -Be 'configmap/tls-kept'
        $saved = $env:KUBECONFIG
        $env:KUBECONFIG = $config
        try {
            Get-K8sPod -Namespace $ns -ErrorAction Stop | Should -BeNullOrEmpty
            (Get-K8sResource configmap tls-kept -Namespace $ns -ErrorAction Stop).Metadata.Name | Should -Be 'tls-kept'
            (Set-K8sResource -Path $manifest -Namespace $ns -ErrorAction Stop).ActionText | Should -Be 'created'
            Remove-K8sResource -Path $manifest -Namespace $ns -Wait -Confirm:$false -ErrorAction Stop
        } finally { $env:KUBECONFIG = $saved }
        Invoke-TestKubectl -n $ns get configmap tls-new -AllowFailure | Out-String | Should -Match 'NotFound'
    }

    Context 'a certificate that does not fit: <Case>' -ForEach @(
        @{ Case = 'tls-server-name wrong.example'; Make = { New-VariantKubeconfig 'wrong-name' $server.AbsoluteUri.TrimEnd('/') 'wrong.example' } }
        @{ Case = 'a server URL whose host (127.0.0.2) is not in the certificate'; Make = {
                $script:relay = [K8sPSTests.LoopbackFront]::Relay('127.0.0.2', $server.Port)
                New-VariantKubeconfig 'wrong-host' "https://127.0.0.2:$($relay.Port)" $null } }
        @{ Case = 'a client certificate of the cluster''s CA served in place of the apiserver''s'; Make = {
                $pki = Join-Path (Get-K8sLocalCluster -Name $env:K8SPS_TEST_CONTEXT).Folder 'pki'
                $cert = [K8sPSTests.LoopbackFront]::ClientCertificate((Join-Path $pki 'ca.crt'), (Join-Path $pki 'ca.key'))
                $script:impostor = [K8sPSTests.LoopbackFront]::Tls($cert)
                New-VariantKubeconfig 'wrong-usage' "https://127.0.0.1:$($impostor.Port)" $null } }
    ) {
        BeforeAll {
            $script:config = & $Make
            $script:kubectlSays = Get-KubectlRefusal $config
            $script:errors = [ordered]@{}
            foreach ($name in $commands.Keys) { $errors[$name] = Get-ErrorUnder $config $commands[$name] }
        }

        AfterAll {
            if ($script:relay) { $script:relay.Dispose(); $script:relay = $null }
            if ($script:impostor) { $script:impostor.Dispose(); $script:impostor = $null }
        }

        It 'kubectl refuses it with an x509 reason' {
            $kubectlSays | Should -Match '^x509: '
        }

        It '<_> fails with the same TLS ErrorRecord, saying what kubectl says' -ForEach @('Get-K8sPod', 'Get-K8sResource', 'Set-K8sResource', 'Remove-K8sResource') {
            $err = $errors[$_]
            $err | Should -Not -BeNullOrEmpty -Because "$_ must not trust this server"
            $err.FullyQualifiedErrorId | Should -BeLike 'TlsFailure,*'
            $err.CategoryInfo.Category | Should -Be 'SecurityError'
            $err.Exception.Message | Should -BeLike "The TLS connection to https://127.0.0.*failed: *"
            $err.Exception.Message | Should -BeLike "*$kubectlSays*"
        }

        It 'nothing changed on the server' {
            Invoke-TestKubectl -n $ns get configmap tls-new -AllowFailure | Out-String | Should -Match 'NotFound'
            Invoke-TestKubectl -n $ns get configmap tls-kept -o name | Should -Be 'configmap/tls-kept'
        }
    }
}

Describe '-Debug shows each request, never a credential or a secret value' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:ns = New-TestNamespace -Prefix 'debug'
        # A service account token as the credential: the line must not carry it, nor the secret's value.
        $null = Invoke-TestKubectl -n $ns create serviceaccount reader
        $null = Invoke-TestKubectl create clusterrolebinding "$ns-reader" --clusterrole=cluster-admin "--serviceaccount=${ns}:reader"
        $script:token = (Invoke-TestKubectl -n $ns create token reader -AllowFailure | Out-String).Trim()
        if ($token -notmatch '^ey') {
            # 1.20 has no TokenRequest through kubectl create token: read the account's token secret.
            $secretName = Wait-TestCondition -Because 'the token secret of the service account' -Condition {
                (Invoke-TestKubectl -n $ns get serviceaccount reader -Json)['secrets'] | Select-Object -First 1 | ForEach-Object { $_['name'] }
            }
            $script:token = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String((Invoke-TestKubectl -n $ns get secret $secretName -Json)['data']['token']))
        }
        $script:secretValue = 'debug-line-must-not-show-' + [guid]::NewGuid().ToString('N')
        $null = Invoke-TestKubectl -n $ns create secret generic shown --from-literal=password=$secretValue
        $view = Invoke-TestKubectl config view --raw -Json
        $script:tokenConfig = Join-Path $TestDrive 'token.kubeconfig'
        @"
apiVersion: v1
kind: Config
clusters:
- name: t
  cluster: {server: "$($view['clusters'][0]['cluster']['server'])", certificate-authority-data: "$($view['clusters'][0]['cluster']['certificate-authority-data'])"}
users:
- name: t
  user: {token: "$token"}
contexts:
- name: t
  context: {cluster: t, user: t, namespace: $ns}
current-context: t
"@ | Set-Content -LiteralPath $tokenConfig
    }

    AfterAll {
        $null = Invoke-TestKubectl delete clusterrolebinding "$script:ns-reader" -AllowFailure
        Remove-TestNamespace $script:ns
    }

    It 'writes one line per request with method, path, status and milliseconds' {
        $saved = $env:KUBECONFIG
        $env:KUBECONFIG = $tokenConfig
        try {
            $lines = @(Get-K8sResource secret shown -Debug 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
            $typed = @(Get-K8sPod -Debug 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        } finally { $env:KUBECONFIG = $saved }
        $lines | Should -Contain ($lines | Where-Object { $_ -match "^GET /api/v1/namespaces/$ns/secrets/shown 200 OK \d+ ms$" })
        $typed | Should -HaveCount 1
        $typed[0] | Should -Match "^GET /api/v1/namespaces/$ns/pods\?limit=500&watch=false 200 OK \d+ ms$"
    }

    It 'no token, no certificate and no secret value appear in the debug stream' {
        $saved = $env:KUBECONFIG
        $env:KUBECONFIG = $tokenConfig
        try {
            $all = Get-K8sResource secret shown -Debug *>&1 | Out-String -Width 500
        } finally { $env:KUBECONFIG = $saved }
        $token.Length | Should -BeGreaterThan 20
        $all | Should -Not -Match ([regex]::Escape($token))
        $all | Should -Not -Match ([regex]::Escape($secretValue))
        $all | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($secretValue))))
        $all | Should -Not -Match 'Authorization|Bearer|BEGIN CERTIFICATE'
    }
}
