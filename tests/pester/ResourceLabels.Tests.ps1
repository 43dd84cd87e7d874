<#
    Set-K8sResourceLabel does to ConfigMaps and a Deployment what kubectl label does to their twins: the same objects
    in a second namespace, labelled by kubectl with the same arguments, and the labels compared on the server after
    each step (add, --overwrite, key-, -l selector, --all, piped objects). Bad input (an invalid key or value by the
    server's rule, an existing key without -Overwrite, a missing object, an unknown kind) is one clear error each, and
    nothing else changes; 200 piped ConfigMaps are labelled with the output in input order, and a label another writer sets
    meanwhile is not overwritten; -WhatIf changes nothing.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Set-K8sResourceLabel: kubectl label for any kind' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        # The other writer of the race cases; the -Confirm case's child pwsh dot-sources it too.
        $script:otherWriter = Join-Path $PSScriptRoot 'ResourceLabels/OtherWriter.ps1'
        . $otherWriter
        Import-K8sTestModule
        $script:twinYaml = @'
apiVersion: v1
kind: ConfigMap
metadata: { name: c1, labels: { app: web, tier: front } }
data: { k: v }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: c2, labels: { app: web } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: c3, labels: { app: db } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { app: web, team: web } }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
'@
        $script:twinFile = Join-Path $TestDrive 'twins.yaml'
        Set-Content -Path $twinFile -Value $twinYaml

        # Every ConfigMap's and Deployment's labels in a namespace, one sorted line per object: twins compare equal.
        function script:Get-NamespaceLabels([string] $Namespace) {
            foreach ($kind in 'configmaps', 'deployments') {
                foreach ($o in @((Invoke-TestKubectl -n $Namespace get $kind -Json)['items'])) {
                    $labels = $o['metadata']['labels']
                    $pairs = if ($labels) { @($labels.Keys | Sort-Object | ForEach-Object { "$_=$($labels[$_])" }) -join ',' } else { '' }
                    "$kind/$($o['metadata']['name']): $pairs"
                }
            }
        }
        function script:Get-Labels([string] $Namespace, [string] $Kind, [string] $Name) {
            $labels = (Invoke-TestKubectl -n $Namespace get $Kind $Name -Json)['metadata']['labels']
            if ($labels) { $labels } else { @{} }
        }
    }

    Context 'the same labels as kubectl label on twin objects' {
        BeforeAll {
            $script:ours = New-TestNamespace -Prefix 'label-ours'
            $script:theirs = New-TestNamespace -Prefix 'label-kubectl'
            foreach ($ns in $ours, $theirs) { $null = Invoke-TestKubectl -n $ns apply -f $twinFile }
            # The twins are the same before anything is labelled (kube-root-ca.crt included, in both namespaces).
            Wait-TestCondition -TimeoutSeconds 30 -Because 'both namespaces hold their kube-root-ca.crt' {
                @(Get-NamespaceLabels $ours).Count -eq 5 -and @(Get-NamespaceLabels $theirs).Count -eq 5
            }
            function script:Should-MatchTwins {
                $mine = @(Get-NamespaceLabels $ours)
                $kubectl = @(Get-NamespaceLabels $theirs)
                ($mine -join "`n") | Should -BeExactly ($kubectl -join "`n")
            }
        }

        AfterAll {
            Remove-TestNamespace $script:ours
            Remove-TestNamespace $script:theirs
        }

        It 'adds a label; -Verbose says what kubectl prints' {
            Set-K8sResourceLabel cm c1 @{ release = 'v1' } -Namespace $ours -Verbose -ErrorAction Stop 4>&1 | Tee-Object -Variable verbose | Out-Null
            $printed = Invoke-TestKubectl -n $theirs label configmap c1 release=v1
            Should-MatchTwins
            (Get-Labels $ours configmap c1)['release'] | Should -Be 'v1'
            @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -notmatch '^Performing' } | ForEach-Object { "$_" }) |
                Should -Be @("$printed".Trim())
        }

        It 'changes an existing key with -Overwrite (kubectl --overwrite)' {
            Set-K8sResourceLabel configmaps c1 @{ tier = 'back' } -Overwrite -Namespace $ours -ErrorAction Stop
            $null = Invoke-TestKubectl -n $theirs label configmap c1 tier=back --overwrite
            Should-MatchTwins
            (Get-Labels $ours configmap c1)['tier'] | Should -Be 'back'
        }

        It 'removes a key (kubectl key-); a key the object lacks is kubectl''s warning' {
            Set-K8sResourceLabel ConfigMap c1 -Remove tier, absent -Namespace $ours -WarningVariable w -WarningAction SilentlyContinue -ErrorAction Stop
            $printed = "$(Invoke-TestKubectl -n $theirs label configmap c1 tier- absent-)"
            Should-MatchTwins
            (Get-Labels $ours configmap c1).ContainsKey('tier') | Should -BeFalse
            $printed | Should -Match ([regex]::Escape('label "absent" not found.'))
            @($w) | Should -HaveCount 1
            "$w" | Should -BeExactly 'configmap/c1: label "absent" not found.'
        }

        It 'the value a key already has, without -Overwrite, is no change and no error, as in kubectl' {
            Set-K8sResourceLabel cm c2 @{ app = 'web' } -Namespace $ours -Verbose -ErrorAction Stop 4>&1 | Tee-Object -Variable verbose | Out-Null
            $printed = Invoke-TestKubectl -n $theirs label configmap c2 app=web
            "$printed".Trim() | Should -Be 'configmap/c2 not labeled'
            @($verbose | ForEach-Object { "$_" }) | Should -Contain 'configmap/c2 not labeled'
            Should-MatchTwins
        }

        It 'labels what a selector matches (kubectl -l), and only that' {
            Set-K8sResourceLabel cm -Selector 'app=web' -Label @{ sel = 'yes' } -Namespace $ours -ErrorAction Stop
            $null = Invoke-TestKubectl -n $theirs label configmap -l app=web sel=yes
            Should-MatchTwins
            (Get-Labels $ours configmap c3).ContainsKey('sel') | Should -BeFalse
            (Get-Labels $ours configmap c2)['sel'] | Should -Be 'yes'
        }

        It 'labels every object of the kind with -All (kubectl --all)' {
            Set-K8sResourceLabel cm -All -Label @{ every = 'one' } -Namespace $ours -ErrorAction Stop
            $null = Invoke-TestKubectl -n $theirs label configmap --all every=one
            Should-MatchTwins
            @((Invoke-TestKubectl -n $ours get configmaps -l every=one -Json)['items']) | Should -HaveCount 4
        }

        It 'labels a Deployment by its short name; -PassThru writes it as the server has it' {
            $out = Set-K8sResourceLabel deploy web @{ team = 'shop'; stage = 'qa' } -Overwrite -Namespace $ours -PassThru -ErrorAction Stop
            $printed = Invoke-TestKubectl -n $theirs label deployment web team=shop stage=qa --overwrite
            "$printed".Trim() | Should -Be 'deployment.apps/web labeled'
            Should-MatchTwins
            @($out) | Should -HaveCount 1
            $out.Metadata.Labels['team'] | Should -Be 'shop'
            $out.Metadata.Labels['stage'] | Should -Be 'qa'
            $out.Metadata.ResourceVersion | Should -Be (Invoke-TestKubectl -n $ours get deployment web -Json)['metadata']['resourceVersion']
        }

        It 'labels piped objects (Get-K8sResource, Get-K8sConfigMap) as kubectl labels the same objects' {
            Get-K8sResource deployments.apps -Namespace $ours | Set-K8sResourceLabel -Remove stage -ErrorAction Stop
            $null = Invoke-TestKubectl -n $theirs label deployment web stage-
            Get-K8sConfigMap -Namespace $ours -Selector app | Set-K8sResourceLabel -Label @{ piped = 'yes' } -ErrorAction Stop
            $null = Invoke-TestKubectl -n $theirs label configmap -l app piped=yes
            Should-MatchTwins
            (Get-Labels $ours deployment web).ContainsKey('stage') | Should -BeFalse
        }

        It '-WhatIf changes nothing, by name, by -All and piped' {
            $before = @(Get-NamespaceLabels $ours)
            Set-K8sResourceLabel cm c1 @{ whatif = 'x' } -Namespace $ours -WhatIf
            Set-K8sResourceLabel cm -All -Remove app -Namespace $ours -WhatIf
            Get-K8sResource cm -Namespace $ours | Set-K8sResourceLabel -Label @{ every = 'two' } -Overwrite -WhatIf
            (@(Get-NamespaceLabels $ours) -join "`n") | Should -BeExactly ($before -join "`n")
        }
    }

    Context 'bad input: one clear error each, nothing else changes' {
        BeforeAll {
            $script:bad = New-TestNamespace -Prefix 'label-bad'
            $null = Invoke-TestKubectl -n $bad apply -f $twinFile
            $script:suffix = [guid]::NewGuid().ToString('N').Substring(0, 6)
        }

        AfterAll { Remove-TestNamespace $script:bad }

        It 'an invalid key is refused before anything is sent, naming the rule the server names' {
            $before = @(Get-NamespaceLabels $bad)
            $ours = $null
            try { Set-K8sResourceLabel cm c1, c2 @{ 'bad key' = 'x' } -Namespace $bad -ErrorAction Stop } catch { $ours = $_ }
            $ours | Should -Not -BeNullOrEmpty
            $ours.FullyQualifiedErrorId | Should -Match '^InvalidLabel'
            $server = "$(Invoke-TestKubectl -n $bad label configmap c1 'bad key=x' -AllowFailure)"
            $rule = [regex]::Match($server, 'Invalid value: "bad key": (name part must consist of[^)]*\))').Groups[1].Value
            $rule | Should -Not -BeNullOrEmpty
            "$ours" | Should -Match ([regex]::Escape("invalid label key `"bad key`": $rule"))
            "$ours" | Should -Match 'Nothing was sent'
            (@(Get-NamespaceLabels $bad) -join "`n") | Should -BeExactly ($before -join "`n")
        }

        It 'an invalid value is refused in kubectl''s words and nothing changes' {
            $before = @(Get-NamespaceLabels $bad)
            $ours = $null
            try { Set-K8sResourceLabel cm c1 @{ "k-$suffix" = 'bad value!' } -Namespace $bad -ErrorAction Stop } catch { $ours = $_ }
            $ours.FullyQualifiedErrorId | Should -Match '^InvalidLabel'
            $kubectl = "$(Invoke-TestKubectl -n $bad label configmap c1 "k-$suffix=bad value!" -AllowFailure)" -replace '^error: ', ''
            "$ours" | Should -Match ([regex]::Escape($kubectl.Trim()))
            (@(Get-NamespaceLabels $bad) -join "`n") | Should -BeExactly ($before -join "`n")
        }

        It 'an existing key without -Overwrite is that object''s error in kubectl''s words; the others are labelled' {
            Set-K8sResourceLabel cm c1, c3 @{ tier = 'back' } -Namespace $bad -ErrorAction SilentlyContinue -ErrorVariable e
            $e | Should -HaveCount 1
            $e[0].FullyQualifiedErrorId | Should -Match '^LabelExists'
            $e[0].TargetObject | Should -Be 'c1'
            $e[0].ErrorDetails.RecommendedAction | Should -Match '-Overwrite'
            $kubectl = "$(Invoke-TestKubectl -n $bad label configmap c1 tier=back -AllowFailure)" -replace '^error: ', ''
            "$($e[0])" | Should -Match ([regex]::Escape($kubectl.Trim().Replace('--overwrite is false', '-Overwrite is not set')))
            (Get-Labels $bad configmap c1)['tier'] | Should -Be 'front'
            (Get-Labels $bad configmap c3)['tier'] | Should -Be 'back'
        }

        It 'a missing object is its NotFound error, as kubectl names it; the others are labelled' {
            Set-K8sResourceLabel cm "nope-$suffix", c2 @{ found = 'yes' } -Namespace $bad -ErrorAction SilentlyContinue -ErrorVariable e
            $e | Should -HaveCount 1
            $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $kubectl = "$(Invoke-TestKubectl -n $bad label configmap "nope-$suffix" found=yes -AllowFailure)"
            $kubectl | Should -Match ([regex]::Escape("configmaps `"nope-$suffix`" not found"))
            "$($e[0])" | Should -Match ([regex]::Escape("configmaps `"nope-$suffix`" not found in namespace `"$bad`""))
            (Get-Labels $bad configmap c2)['found'] | Should -Be 'yes'
        }

        It 'an unknown kind is one error, as kubectl says it, and nothing is labelled' {
            $before = @(Get-NamespaceLabels $bad)
            Set-K8sResourceLabel "nosuchkind$suffix" c1, c2 @{ x = 'y' } -Namespace $bad -ErrorAction SilentlyContinue -ErrorVariable e
            $e | Should -HaveCount 1
            $kubectl = "$(Invoke-TestKubectl -n $bad label "nosuchkind$suffix" c1 x=y -AllowFailure)"
            $kubectl | Should -Match ([regex]::Escape("doesn't have a resource type `"nosuchkind$suffix`""))
            "$($e[0])" | Should -Match ([regex]::Escape("doesn't have a resource type `"nosuchkind$suffix`""))
            (@(Get-NamespaceLabels $bad) -join "`n") | Should -BeExactly ($before -join "`n")
        }

        It 'names with a selector are refused as kubectl refuses them, and nothing changes' {
            $before = @(Get-NamespaceLabels $bad)
            { Set-K8sResourceLabel cm c1 -Selector app=web -Label @{ x = 'y' } -Namespace $bad -ErrorAction Stop } | Should -Throw '*name cannot be provided when a selector is specified*'
            "$(Invoke-TestKubectl -n $bad label configmap c1 -l app=web x=y -AllowFailure)" | Should -Match 'name cannot be provided when a selector is specified'
            (@(Get-NamespaceLabels $bad) -join "`n") | Should -BeExactly ($before -join "`n")
        }
    }

    Context '200 piped ConfigMaps' {
        BeforeAll {
            $script:bulk = New-TestNamespace -Prefix 'label-bulk'
            $items = foreach ($i in 0..199) { @{ apiVersion = 'v1'; kind = 'ConfigMap'; metadata = @{ name = 'bulk-{0:d3}' -f $i; labels = @{ bulk = 'yes' } } } }
            $file = Join-Path $TestDrive 'bulk.json'
            @{ apiVersion = 'v1'; kind = 'List'; items = @($items) } | ConvertTo-Json -Depth 6 | Set-Content -Path $file
            $null = Invoke-TestKubectl -n $bulk apply -f $file
        }

        AfterAll { Remove-TestNamespace $script:bulk }

        It 'are all labelled, with the output in input order' {
            $in = @(Get-K8sConfigMap -Namespace $bulk -Selector bulk=yes)
            $in | Should -HaveCount 200
            # Not the server's order: a shuffle, so an output in input order is not the list's order by chance.
            $in = @($in | Get-Random -Shuffle -SetSeed 12)
            $out = @($in | Set-K8sResourceLabel -Label @{ batch = 'one' } -PassThru -ErrorAction Stop)
            $out | Should -HaveCount 200
            ($out | ForEach-Object { $_.Metadata.Name }) -join ',' | Should -BeExactly (($in | ForEach-Object { $_.Metadata.Name }) -join ',')
            @($out | Where-Object { $_.Metadata.Labels['batch'] -eq 'one' }) | Should -HaveCount 200
            @((Invoke-TestKubectl -n $bulk get configmaps -l batch=one -Json)['items']) | Should -HaveCount 200
        }

        It 'a label someone sets after -All read the list is not overwritten: the patch carries the version read, its 409 reads again' {
            # Another writer sets the key on the last object once the first is labelled (so the list has been read); this
            # command reaches it a few hundred requests later with the version it listed.
            $writer = Start-OtherLabelWriter $env:K8SPS_TEST_MODULE $bulk -WaitKey race -Target bulk-199 -Label @{ race = 'theirs' }
            $log = Join-Path $TestDrive 'race.log'
            $null = Set-K8sResourceLabel configmaps -All -Namespace $bulk -Label @{ race = 'ours' } -ThrottleLimit 1 -ErrorVariable err -ErrorAction SilentlyContinue -Debug 5> $log
            Wait-OtherLabelWriter $writer

            # The edit of bulk-199 met the other writer's change (409), read the object again and found the key taken.
            @(Get-Content $log | Where-Object { $_ -match "^PATCH /api/v1/namespaces/$bulk/configmaps/bulk-199 409" }) | Should -HaveCount 1
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelExists*'
            "$err" | Should -BeLike "*configmap ""bulk-199"": 'race' already has a value (theirs), and -Overwrite is not set*"
            (Get-Labels $bulk configmaps bulk-199)['race'] | Should -Be 'theirs'
            @((Invoke-TestKubectl -n $bulk get configmaps -l 'race=ours,bulk=yes' -Json)['items']) | Should -HaveCount 199
        }

        It 'under -Confirm each object is asked about once, also when its patch meets a 409 and is made again' {
            # A child pwsh whose prompts read answers from its stdin: every answer Yes, one line each. As above, another
            # writer changes bulk-199 after the list, with a key of its own, so the retried edit goes through.
            $script = Join-Path $TestDrive 'confirm.ps1'
            $log = Join-Path $TestDrive 'confirm.log'
            Set-Content -LiteralPath $script -Value @'
param($Module, $Namespace, $Log, $Writer)
Import-Module $Module
. $Writer
$other = Start-OtherLabelWriter $Module $Namespace -WaitKey asked -Target bulk-199 -Label @{ other = 'theirs' }
$null = Set-K8sResourceLabel configmaps -Namespace $Namespace -Selector bulk=yes -Label @{ asked = 'once' } -ThrottleLimit 1 -Confirm -Debug 5> $Log
Wait-OtherLabelWriter $other
'@
            $answers = @('y') * 400
            $shown = $answers | Invoke-TestPwsh -NoProfile -File $script $env:K8SPS_TEST_MODULE $bulk $log $otherWriter 2>&1
            # The host wraps prompts at its width: the text is read as one, the object's name out of each question.
            $questions = @([regex]::Matches(($shown -join ' '), 'Performing\s+the\s+operation\s+"Set\s+labels"\s+on\s+target\s+"configmap/(bulk-\d{3})\s') | ForEach-Object { $_.Groups[1].Value })
            @(Get-Content $log | Where-Object { $_ -match "^PATCH /api/v1/namespaces/$bulk/configmaps/bulk-199 409" }) | Should -HaveCount 1 -Because 'the other writer changed bulk-199 after the list'
            $questions | Should -HaveCount 200
            @($questions | Sort-Object -Unique) | Should -HaveCount 200 -Because "no object is asked about twice: $($questions | Group-Object | Where-Object Count -gt 1 | ForEach-Object Name)"
            $labels = Get-Labels $bulk configmaps bulk-199
            $labels['asked'] | Should -Be 'once'
            $labels['other'] | Should -Be 'theirs'
            @((Invoke-TestKubectl -n $bulk get configmaps -l 'asked=once,bulk=yes' -Json)['items']) | Should -HaveCount 200
        }
    }
}
