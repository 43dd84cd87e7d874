<#
    KindViews: Get-K8sResource prints every kind as `kubectl get` does (same headers, same cells; AGE and a
    job's DURATION left out as they move with the clock), and a secret's values never show, in its table or in
    Format-List, plain or base64. Objects come from KindViews/objects.yaml, applied with Set-K8sResource.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
    # kind as typed to both tools; namespaced kinds are read from the test namespace
    $script:kinds = @(
        @{ Kind = 'secret' }, @{ Kind = 'configmap' }, @{ Kind = 'replicaset' }, @{ Kind = 'statefulset' },
        @{ Kind = 'daemonset' }, @{ Kind = 'replicationcontroller' }, @{ Kind = 'service' }, @{ Kind = 'endpoints' },
        @{ Kind = 'persistentvolumeclaim' }, @{ Kind = 'ingress' }, @{ Kind = 'horizontalpodautoscaler' }, @{ Kind = 'job' },
        @{ Kind = 'persistentvolume'; Cluster = $true }, @{ Kind = 'storageclass'; Cluster = $true },
        @{ Kind = 'namespace'; Cluster = $true }, @{ Kind = 'node'; Cluster = $true },
        @{ Kind = 'customresourcedefinition'; Cluster = $true }, @{ Kind = 'WIDGETS' },
        # no view of its own: K8sPS's generic NAME AGE, compared by name with kubectl's server-side columns
        @{ Kind = 'controllerrevision'; Generic = $true }
    )
    # The typed Get- cmdlets of issue 11 print the same tables (one view per kind, shared with Get-K8sResource).
    $script:typed = @(
        @{ Cmdlet = 'Get-K8sStatefulSet'; Kind = 'statefulsets' }, @{ Cmdlet = 'Get-K8sDaemonSet'; Kind = 'daemonsets' },
        @{ Cmdlet = 'Get-K8sReplicaSet'; Kind = 'replicasets' }, @{ Cmdlet = 'Get-K8sJob'; Kind = 'jobs' },
        @{ Cmdlet = 'Get-K8sCronJob'; Kind = 'cronjobs' }, @{ Cmdlet = 'Get-K8sPersistentVolumeClaim'; Kind = 'pvc' },
        @{ Cmdlet = 'Get-K8sPersistentVolume'; Kind = 'pv'; Cluster = $true }, @{ Cmdlet = 'Get-K8sStorageClass'; Kind = 'storageclass'; Cluster = $true },
        @{ Cmdlet = 'Get-K8sNode'; Kind = 'nodes'; Cluster = $true }
    )
}

Describe 'KindViews: Get-K8sResource tables read like kubectl get' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $PSStyle.OutputRendering = 'PlainText'
        $script:ns = New-TestNamespace -Prefix 'kindviews'
        $script:suffix = $ns.Substring($ns.Length - 6)
        $script:yaml = Join-Path $TestDrive 'objects.yaml'
        (Get-Content -Raw (Join-Path $PSScriptRoot 'KindViews/objects.yaml')) -replace '__SUFFIX__', $suffix | Set-Content $yaml
        $script:secretValues = @('S3cr3t-Pa55w0rd-kv', 'admin-user-kv') | ForEach-Object { $_; [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($_)) }

        Set-K8sResource -Path $yaml -Namespace $ns -ErrorAction Stop | Out-Null
        $crd = "widgets$suffix.kv.example.com"
        $null = Invoke-TestKubectl wait --for condition=established "crd/$crd" --timeout=60s
        $cr = Join-Path $TestDrive 'widget.yaml'
        "apiVersion: kv.example.com/v1`nkind: Widget$suffix`nmetadata: {name: w1}`n" | Set-Content $cr
        Set-K8sResource -Path $cr -Namespace $ns -ErrorAction Stop | Out-Null

        # Cells of a table by the start of each header, as both tools left-align every column; AGE and DURATION dropped.
        function script:Split-Table([string[]] $Lines, [string[]] $Headers) {
            $Lines = @($Lines | Where-Object { $_.Trim() -and $_ -notmatch '^[- ]+$' })
            $header = $Lines[0]
            $starts = @(); $from = 0
            foreach ($h in $Headers) {
                $at = $header.IndexOf($h, $from, [StringComparison]::Ordinal)
                if ($at -lt 0) { throw "header '$h' missing in: $header" }
                $starts += $at; $from = $at + $h.Length
            }
            foreach ($line in $Lines | Select-Object -Skip 1) {
                $cells = for ($i = 0; $i -lt $starts.Count; $i++) {
                    if ($Headers[$i] -in 'AGE', 'DURATION') { continue }
                    $end = if ($i + 1 -lt $starts.Count) { $starts[$i + 1] } else { [Math]::Max($line.Length, $starts[$i]) }
                    $line.PadRight($end).Substring($starts[$i], $end - $starts[$i]).Trim()
                }
                $cells -join ' | '
            }
        }

        function script:Compare-WithKubectl([string] $Kind, [switch] $Cluster, [switch] $Generic, [scriptblock] $Ours, [string[]] $KubectlArgs = @()) {
            $kind = if ($Kind -eq 'WIDGETS') { "widgets$suffix" } else { $Kind }
            $theirs = @(if ($Cluster) { Invoke-TestKubectl get $kind @KubectlArgs } else { Invoke-TestKubectl get $kind -n $ns @KubectlArgs })
            $headers = @([regex]::Split($theirs[0].Trim(), '\s{2,}'))
            $oursText = if ($Ours) { & $Ours | Out-String -Width 500 }
                elseif ($Cluster) { Get-K8sResource $kind | Out-String -Width 500 } else { Get-K8sResource $kind -Namespace $ns | Out-String -Width 500 }
            $oursLines = @($oursText -split '\r?\n' | Where-Object { $_.Trim() })
            $theirRows = @(Split-Table $theirs $headers)
            if ($Generic) { $headers = @('NAME', 'AGE'); $theirRows = @($theirRows | ForEach-Object { ($_ -split ' \| ')[0] }) }
            [pscustomobject]@{
                Headers = $headers
                OursHeader = $oursLines[0]
                Ours = @(Split-Table $oursLines $headers | Sort-Object)
                Theirs = @($theirRows | Sort-Object)
            }
        }
    }

    AfterAll {
        $crd = "widgets$($script:suffix).kv.example.com"
        $null = Invoke-TestKubectl delete crd $crd pv "kv-pv-$($script:suffix)" --ignore-not-found --wait=false -AllowFailure
        Remove-TestNamespace $script:ns
    }

    It '<Kind>: same headers and cells as kubectl get' -ForEach $kinds {
        # Controllers converge (pods start, claims bind): compare until both agree.
        $cluster = [bool]$_['Cluster']; $generic = [bool]$_['Generic']
        $kind = $Kind
        # Other scenarios' namespaces may come and go between the two reads: the last pair read is asserted.
        try {
            $null = Wait-TestCondition -TimeoutSeconds 90 -Because "$kind tables to agree" -Condition {
                $script:last = Compare-WithKubectl $kind -Cluster:$cluster -Generic:$generic
                $last.Theirs.Count -gt 0 -and ($last.Ours -join "`n") -eq ($last.Theirs -join "`n")
            }
        } catch { }
        $r = $script:last
        $r.Theirs.Count | Should -BeGreaterThan 0
        foreach ($h in $r.Headers) { $r.OursHeader | Should -Match ([regex]::Escape($h)) }
        $r.Ours | Should -Be $r.Theirs
    }

    It '<Cmdlet>: same headers and cells as kubectl get <Kind>' -ForEach $typed {
        $cluster = [bool]$_['Cluster']; $kind = $Kind; $cmdlet = $Cmdlet
        $ours = [scriptblock]::Create($(if ($cluster) { $cmdlet } else { "$cmdlet -Namespace '$ns'" }))
        try {
            $null = Wait-TestCondition -TimeoutSeconds 90 -Because "$cmdlet and kubectl get $kind to agree" -Condition {
                $script:last = Compare-WithKubectl $kind -Cluster:$cluster -Ours $ours
                $last.Theirs.Count -gt 0 -and ($last.Ours -join "`n") -eq ($last.Theirs -join "`n")
            }
        } catch { }
        $r = $script:last
        $r.Theirs.Count | Should -BeGreaterThan 0
        foreach ($h in $r.Headers) { $r.OursHeader | Should -Match ([regex]::Escape($h)) }
        $r.Ours | Should -Be $r.Theirs
    }

    It 'Get-K8sNode -Wide: the columns of kubectl get nodes -o wide' {
        $r = Compare-WithKubectl nodes -Cluster -Ours { Get-K8sNode -Wide } -KubectlArgs '-o', 'wide'
        $r.Headers | Should -Contain 'CONTAINER-RUNTIME'
        foreach ($h in $r.Headers) { $r.OursHeader | Should -Match ([regex]::Escape($h)) }
        $r.Ours | Should -Be $r.Theirs
        # the same view by name, for any node
        (Get-K8sNode | Format-Table -View Wide | Out-String -Width 500) | Should -Match 'INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME'
    }

    It 'the typed Get- cmdlets add kubectl -A''s NAMESPACE column with -AllNamespaces' {
        foreach ($t in $typed | Where-Object { -not $_['Cluster'] }) {
            $text = & $t['Cmdlet'] -AllNamespaces | Out-String -Width 500
            $text | Should -Match '^\s*NAMESPACE\s+NAME\s' -Because "$($t['Cmdlet']) -AllNamespaces starts with NAMESPACE"
            $text | Should -Match ([regex]::Escape($ns)) -Because "$($t['Cmdlet']) -AllNamespaces lists the test namespace's objects"
        }
    }

    It 'a CronJob is read in the version the server serves (batch/v1beta1 on 1.20) and its columns are properties' {
        $cj = Get-K8sCronJob nightly -Namespace $ns
        $cj.ApiVersion | Should -Be (Invoke-TestKubectl get cronjob nightly -n $ns -Json)['apiVersion']
        $cj.Schedule | Should -Be '30 2 * * *'
        $cj.Suspend | Should -Be 'True'
        $cj.LastSchedule | Should -Be '<none>'
        Get-K8sCronJob nope -Namespace $ns -ErrorAction SilentlyContinue -ErrorVariable e
        "$e" | Should -Match 'cronjobs.batch "nope" not found'
    }

    It 'a secret shows no value in its table, list or -AllNamespaces listing' {
        $texts = @(
            Get-K8sResource secret db-credentials -Namespace $ns | Out-String -Width 500
            Get-K8sResource secret db-credentials -Namespace $ns | Format-List | Out-String -Width 500
            Get-K8sResource secret -AllNamespaces | Out-String -Width 500
        )
        $texts[0] | Should -Match 'db-credentials\s+Opaque\s+2\s'
        $texts[1] | Should -Match 'Keys\s*:\s*password, username'
        foreach ($t in $texts) { foreach ($v in $secretValues) { $t | Should -Not -Match ([regex]::Escape($v)) } }
    }

    It 'lifted Name and Namespace bind down the pipeline and columns are properties' {
        $secret = Get-K8sResource secret db-credentials -Namespace $ns
        $secret.Name | Should -Be 'db-credentials'
        $secret.Namespace | Should -Be $ns
        (Get-K8sResource secret -Namespace $ns | Where-Object DataCount -eq 2).Name | Should -Be 'db-credentials'
        (Get-K8sResource "widgets$suffix" -Namespace $ns).Namespace | Should -Be $ns
        Get-K8sResource configmap settings -Namespace $ns | Remove-K8sResource -Confirm:$false -ErrorAction Stop
        Wait-TestCondition -Because 'the config map is gone' -Condition {
            -not (Invoke-TestKubectl get configmap settings -n $ns --ignore-not-found)
        } | Should -BeTrue
    }
}
