<#
    Custom resources end to end (issue 4: "every kind the server serves (discovery, so CRDs work)").
    CustomResources/widgets.yaml holds a Namespace, a namespaced CRD (schema, short name) followed by two of
    its objects, and a cluster-scoped CRD preceded by its one object: apply must put the CRDs first and wait
    until the server serves the new kinds. The CRDs are cluster-wide, so the scenario cleans up before and after.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Custom resources: CRDs and their objects from one file' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'seed/ManifestScenarios.psm1') -Force
        $script:folder = Join-Path $PSScriptRoot 'CustomResources'
        $script:file = Join-Path $folder 'widgets.yaml'
        $script:ns = 'k8sps-crd-demo'
        $script:crds = 'widgets.k8sps.example.com', 'gadgets.k8sps.example.com'
        $script:gadget = 'k8sps-crd-demo-gadget'

        # Set-K8sResource with output, errors and warnings apart; the documents name their own namespace.
        function Invoke-Apply([string] $Path) {
            $errs = $null; $warns = $null
            $results = @(Set-K8sResource -Path $Path -ErrorVariable errs -WarningVariable warns -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
            [pscustomobject]@{
                Errors   = @($errs | ForEach-Object { $_.ToString() })
                Warnings = @($warns | ForEach-Object { $_.ToString() })
                Actions  = @($results | ForEach-Object { $_.ToString() })
            }
        }

        function Remove-Leftovers {
            # An interrupted run may leave the CRDs (and so their objects) or the namespace behind.
            $null = Invoke-TestKubectl delete crd @crds --ignore-not-found --wait=true
            $null = Invoke-TestKubectl delete namespace $ns --ignore-not-found --wait=true
        }
        Remove-Leftovers
        $script:kns = New-TestNamespace -Prefix 'crd-kubectl'
        $script:expected = @(
            'namespace/k8sps-crd-demo created'
            'customresourcedefinition.apiextensions.k8s.io/widgets.k8sps.example.com created'
            'widget.k8sps.example.com/small created'
            'widget.k8sps.example.com/large created'
            "gadget.k8sps.example.com/$gadget created"
            'customresourcedefinition.apiextensions.k8s.io/gadgets.k8sps.example.com created'
        ) | Sort-Object
        # The custom objects of the file without their CRDs, for checks that must ask the server.
        $script:objects = Join-Path $TestDrive 'objects.yaml'
        ((Get-Content $file -Raw) -split '(?m)^---\s*$' | Where-Object { $_ -match '(?m)^kind: (Widget|Gadget)\s' }) -join "---`n" | Set-Content $objects
        $script:first = Invoke-Apply $file
    }

    AfterAll {
        Remove-TestNamespace $script:kns
        Remove-Leftovers
    }

    It 'applies the CRDs first and then their objects: every object created, no errors, no warnings' {
        $first.Errors | Should -BeNullOrEmpty
        $first.Warnings | Should -BeNullOrEmpty
        $first.Actions | Sort-Object | Should -Be $expected
        # Cluster-scoped custom kinds take no namespace.
        (Invoke-TestKubectl get gadget $gadget -Json)['metadata'].Contains('namespace') | Should -BeFalse
    }

    It 'makes on the server what kubectl apply makes of the same objects' {
        # The CRDs exist once per cluster: kubectl applies the custom objects of the file into its own namespace
        # (and the cluster-scoped one under another name) and each pair must be equal.
        $copy = Join-Path $TestDrive 'kubectl.yaml'
        ((Get-Content $objects -Raw) -replace "namespace: $ns\b", "namespace: $kns" -replace "name: $gadget\b", "name: $gadget-kubectl") | Set-Content $copy
        $null = Invoke-TestKubectl apply -f $copy
        try {
            foreach ($name in 'small', 'large') {
                Get-ComparableObject $ns widget $name | Should -Be (Get-ComparableObject $kns widget $name) -Because "widget $name"
            }
            $ours = Invoke-TestKubectl get gadget $gadget -Json
            $theirs = Invoke-TestKubectl get gadget "$gadget-kubectl" -Json
            $theirs['metadata']['annotations'].Remove('kubectl.kubernetes.io/last-applied-configuration')
            if ($theirs['metadata']['annotations'].Count -eq 0) { $theirs['metadata'].Remove('annotations') }
            $theirs['metadata']['name'] = $gadget
            ($ours | ConvertTo-ComparableJson) | Should -Be ($theirs | ConvertTo-ComparableJson)
        }
        finally { $null = Invoke-TestKubectl delete gadget "$gadget-kubectl" --ignore-not-found }
    }

    It 're-applying says unchanged' {
        $again = Invoke-Apply $file
        $again.Errors | Should -BeNullOrEmpty
        $again.Actions | Sort-Object | Should -Be ($expected -replace ' created$', ' unchanged')
    }

    It 'Get-K8sResource finds them by plural, short name, kind and -Path' {
        foreach ($kind in 'widgets', 'wdg', 'Widget') {
            @(Get-K8sResource $kind -Namespace $ns -ErrorAction Stop | ForEach-Object { $_.metadata.name }) | Sort-Object |
                Should -Be @('large', 'small') -Because "Get-K8sResource $kind"
        }
        foreach ($kind in 'gadgets', 'gdg', 'Gadget') {
            @(Get-K8sResource $kind -ErrorAction Stop | ForEach-Object { $_.metadata.name }) | Should -Be @($gadget) -Because "Get-K8sResource $kind"
        }
        (Get-K8sResource wdg small -Namespace $ns -ErrorAction Stop).spec.colour | Should -Be 'red'
        @(Get-K8sResource -Path $file -ErrorAction Stop | ForEach-Object { '{0}/{1}' -f $_.kind, $_.metadata.name }) | Sort-Object |
            Should -Be (@('Namespace/k8sps-crd-demo', 'CustomResourceDefinition/widgets.k8sps.example.com', 'Widget/small', 'Widget/large',
                    "Gadget/$gadget", 'CustomResourceDefinition/gadgets.k8sps.example.com') | Sort-Object)
    }

    It 'prints a custom object exactly as kubectl get -o yaml does' {
        $theirs = (Invoke-TestKubectl -n $ns get widget large -o yaml) -join "`n"
        $ours = Get-K8sResource widget large -Namespace $ns -ErrorAction Stop | ConvertTo-K8sYaml
        $ours.TrimEnd() | Should -Be $theirs.TrimEnd()
    }

    It 'Test-K8sManifest -Context accepts the custom kinds once their CRDs exist' {
        Test-K8sManifest -Path $objects -Context $env:K8SPS_TEST_CONTEXT | Should -BeNullOrEmpty
    }

    It 'Test-K8sManifest -Context reports a kind the server does not serve with file, line and the likely fix' {
        $issues = @(Test-K8sManifest -Path (Join-Path $folder 'not-served.yaml') -Context $env:K8SPS_TEST_CONTEXT)
        $issues | Should -HaveCount 1
        $text = $issues[0].ToString()
        $text | Should -Match ([regex]::Escape('not-served.yaml:1: error K8S002'))
        $text | Should -Match 'does not serve kind Sprocket in k8sps\.example\.com/v1'
        $text | Should -Match 'install the CRD that defines it'
    }

    It 'an unknown field in a custom object comes back as an error naming file, line and field' {
        $bad = Join-Path $folder 'bad-widget.yaml'
        $errs = $null
        $out = @(Set-K8sResource -Path $bad -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out | Should -BeNullOrEmpty
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Match '^UnknownField,'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $text = $errs[0].ToString()
        $text | Should -Match ([regex]::Escape('bad-widget.yaml:1'))
        $text | Should -Match ([regex]::Escape('bad-widget.yaml:8'))
        $text | Should -Match 'spec\.color'
        (Invoke-TestKubectl -n $ns get widget odd -o name -AllowFailure) -join ' ' | Should -Match 'NotFound|not found'
    }

    It 'Remove-K8sResource -Path removes the objects and the CRDs, and nothing is left' {
        # Objects before their CRDs: no object may come back NotFound because its CRD took it first.
        $errs = $null
        Remove-K8sResource -Path $file -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -BeNullOrEmpty
        Wait-TestCondition -TimeoutSeconds 60 -Because 'the CRDs and the namespace to be gone' -Condition {
            $left = @((Invoke-TestKubectl get crd -o name) | Where-Object { $_ -match 'k8sps\.example\.com' })
            $nsLeft = (Invoke-TestKubectl get namespace $ns -o name -AllowFailure) -join ' '
            $left.Count -eq 0 -and $nsLeft -match 'NotFound|not found'
        } | Should -BeTrue
    }

    It 'Set-K8sResource -WhatIf on the file, with no CRD on the server, reports every document with no error and creates nothing' {
        # A dry run creates no CRD, so the server cannot dry-run the custom objects: they are reported as apply would
        # leave them (created) with a note, not failed as kinds the server does not serve.
        $transcript = Join-Path $TestDrive 'whatif.txt'
        $errs = $null
        $null = Start-Transcript -LiteralPath $transcript -UseMinimalHeader
        try { $out = @(Set-K8sResource -Path $file -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue) }
        finally { $null = Stop-Transcript }
        $errs | Should -BeNullOrEmpty
        $out | Should -BeNullOrEmpty
        $text = (Get-Content -Raw -LiteralPath $transcript) -replace '\s+', ' '
        foreach ($t in 'namespace/k8sps-crd-demo', 'customresourcedefinition.apiextensions.k8s.io/widgets.k8sps.example.com',
            'customresourcedefinition.apiextensions.k8s.io/gadgets.k8sps.example.com') {
            $text | Should -Match ([regex]::Escape("What if: Performing the operation ""Apply (server dry run: created)"" on target ""$t"".")) -Because $t
        }
        $note = 'Apply (created; the server could not dry-run it: its CustomResourceDefinition does not exist yet)'
        foreach ($t in "widget.k8sps.example.com/small in namespace $ns", "widget.k8sps.example.com/large in namespace $ns", "gadget.k8sps.example.com/$gadget") {
            $text | Should -Match ([regex]::Escape("What if: Performing the operation ""$note"" on target ""$t"".")) -Because $t
        }
        @((Invoke-TestKubectl get crd -o name) | Where-Object { $_ -match 'k8sps\.example\.com' }) | Should -BeNullOrEmpty
        (Invoke-TestKubectl get namespace $ns -o name -AllowFailure) -join ' ' | Should -Match 'NotFound|not found'
    }

    It 'after removal, Test-K8sManifest -Context rejects the custom objects alone, and accepts them with their CRDs' {
        $issues = @(Test-K8sManifest -Path $objects -Context $env:K8SPS_TEST_CONTEXT | Where-Object RuleId -EQ 'K8S002')
        $issues | Should -HaveCount 3
        ($issues | ForEach-Object ToString) -join "`n" | Should -Match 'does not serve kind Gadget in k8sps\.example\.com/v1'
        # Apply creates the CRDs of a file first, so a check of that file accepts the kinds they define.
        Test-K8sManifest -Path $file -Context $env:K8SPS_TEST_CONTEXT | Should -BeNullOrEmpty
    }

    It 'sees a CRD that kubectl creates or deletes outside K8sPS at once' {
        # This session has read discovery already (the tests above): a cached answer would miss the new kind.
        $docs = (Get-Content $file -Raw) -split '(?m)^---\s*$'
        $crdFile = Join-Path $TestDrive 'gadget-crd.yaml'
        $objectFile = Join-Path $TestDrive 'gadget.yaml'
        $docs | Where-Object { $_ -match '(?m)^  name: gadgets\.k8sps\.example\.com' } | Set-Content $crdFile
        $docs | Where-Object { $_ -match '(?m)^kind: Gadget\s' } | Set-Content $objectFile
        $null = Invoke-TestKubectl apply -f $crdFile
        $null = Invoke-TestKubectl wait --for condition=established crd/gadgets.k8sps.example.com --timeout=60s
        $null = Invoke-TestKubectl apply -f $objectFile
        (Get-K8sResource -Path $objectFile -ErrorAction Stop).metadata.name | Should -Be $gadget
        Test-K8sManifest -Path $objectFile -Context $env:K8SPS_TEST_CONTEXT | Should -BeNullOrEmpty
        $null = Invoke-TestKubectl delete crd gadgets.k8sps.example.com --wait=true
        @(Test-K8sManifest -Path $objectFile -Context $env:K8SPS_TEST_CONTEXT | ForEach-Object ToString) | Should -Match 'does not serve kind Gadget'
    }
}
