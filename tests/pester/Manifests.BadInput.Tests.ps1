<#
    Bad manifest input through the cmdlets: invalid YAML (tabs, bad indentation, an unclosed quote), an empty
    file, a binary file, a document with no kind, a 10 MB file, a folder of mixed files. Each problem is a
    clear error naming file and line; the valid documents are still read and applied; pwsh never crashes.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Manifests bad input' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:ns = New-TestNamespace -Prefix 'badinput'
        $script:folder = Join-Path $TestDrive 'mixed'
        $null = New-Item -ItemType Directory $folder
        Set-Content (Join-Path $folder 'good.yaml') "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: good`ndata:`n  a: b`n"
        Set-Content (Join-Path $folder 'tabs.yaml') "apiVersion: v1`nkind: ConfigMap`nmetadata:`n`tname: tabs`n"
        Set-Content (Join-Path $folder 'indent.yaml') "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: indent`n   labels: x`n"
        Set-Content (Join-Path $folder 'quote.yaml') "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: `"quote`ndata:`n  a: b`n"
        Set-Content (Join-Path $folder 'nokind.yaml') "apiVersion: v1`nmetadata:`n  name: nokind`n"
        Set-Content (Join-Path $folder 'empty.yml') ''
        [IO.File]::WriteAllBytes((Join-Path $folder 'binary.yaml'), [byte[]](0x7F, 0x45, 0x4C, 0x46, 0, 1, 2, 3))
        Set-Content (Join-Path $folder 'notes.txt') 'not a manifest'
        # One file, two documents: the second is broken, the first must still be applied.
        Set-Content (Join-Path $folder 'partly.yaml') "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: partly-ok`n---`napiVersion: v1`nkind: ConfigMap`nmetadata:`n`tname: partly-bad`n"
    }

    AfterAll { Remove-TestNamespace $script:ns }

    It 'applies the valid documents of a mixed folder and reports each bad one by file and line' {
        $errs = $null
        $results = @(Set-K8sResource -Path $folder -Namespace $ns -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.ForEach({ $_.ToString() }) | Sort-Object | Should -Be @('configmap/good created', 'configmap/partly-ok created')
        $text = @($errs | ForEach-Object { $_.ToString() })
        $text | Should -HaveCount 7
        ($text -match 'tabs.yaml:4:1: invalid YAML.*tabs') | Should -HaveCount 1
        ($text -match 'partly.yaml:9:1: invalid YAML in document 2') | Should -HaveCount 1
        ($text -match 'indent.yaml:5:.*indentation') | Should -HaveCount 1
        ($text -match 'quote.yaml:4:.*quote') | Should -HaveCount 1
        ($text -match 'empty.yml:1:1: no Kubernetes objects') | Should -HaveCount 1
        ($text -match 'binary.yaml:1:1: this is a binary file') | Should -HaveCount 1
        ($text -match 'nokind.yaml:1: error K8S001 .*no kind') | Should -HaveCount 1
        @($errs | Where-Object { $_.CategoryInfo.Category -eq 'ParserError' }) | Should -HaveCount 6
        Invoke-TestKubectl -n $ns get configmap good partly-ok -o name | Should -Be @('configmap/good', 'configmap/partly-ok')
    }

    It 'reads a 10 MB file completely' {
        $big = Join-Path $TestDrive 'big.yaml'
        $payload = 'x' * 2000
        $count = 5200
        $docs = foreach ($i in 1..$count) { "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: big-$i`ndata:`n  payload: `"$payload`"`n" }
        Set-Content $big ($docs -join "---`n")
        (Get-Item $big).Length | Should -BeGreaterThan 10MB
        $objects = @(ConvertFrom-K8sYaml -Path $big -ErrorAction Stop)
        $objects | Should -HaveCount $count
        $objects[-1].metadata.name | Should -Be "big-$count"
        Test-K8sManifest -Path $big -Quiet | Should -BeTrue
    }

    It 'refuses a namespace that is no string even with -SkipLint, by file and line, and applies the rest' {
        $file = Join-Path $TestDrive 'numbered.yaml'
        Set-Content $file "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: numbered`n  namespace: 7`n---`napiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: unnumbered`n"
        $errs = $null
        $r = @(Set-K8sResource -Path $file -Namespace $ns -SkipLint -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.ForEach({ $_.ToString() }) | Should -Be 'configmap/unnumbered created'
        $errs | Should -HaveCount 1
        "$($errs[0])" | Should -Match 'numbered\.yaml:5: ConfigMap/numbered: metadata\.namespace must be a string, not 7\.'
        $errs[0].FullyQualifiedErrorId | Should -Match '^InvalidNamespace'
        Invoke-TestKubectl -n $ns get configmap numbered -AllowFailure 2>&1 | Out-String | Should -Match 'not found'
    }

    It 'reports a path that does not exist and goes on with the others' {
        $errs = $null
        $r = @(Set-K8sResource -Path (Join-Path $TestDrive 'nope.yaml'), (Join-Path $folder 'good.yaml') -Namespace $ns -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.ForEach({ $_.ToString() }) | Should -Be 'configmap/good unchanged'
        $errs[0].FullyQualifiedErrorId | Should -Match '^PathNotFound'
    }
}
