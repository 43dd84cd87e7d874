<#
    Bad input to the rollout cmdlets (issue 9): each is one clear ErrorRecord (a stable id, the object, what there is
    instead) and changes nothing, which kubectl confirms (the object's generation and resourceVersion, the image, the
    rollout history). Where kubectl refuses the same input, it is run too and refuses it as well.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Rollout cmdlets refuse bad input and change nothing' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:ns = New-TestNamespace -Prefix 'rollouts-bad'
        $null = Invoke-TestKubectl -n $ns create deployment web --image=nginx:1.24 --replicas=3
        $null = Invoke-TestKubectl -n $ns rollout status deployment/web --timeout=120s
        $null = Invoke-TestKubectl -n $ns set image deployment/web nginx=nginx:1.25
        $null = Invoke-TestKubectl -n $ns rollout status deployment/web --timeout=120s

        # What must not change: generation (the spec), the image, the replicas, the history.
        function script:Get-State {
            $d = Invoke-TestKubectl -n $ns get deployment web -Json
            [pscustomobject]@{
                Generation      = $d['metadata']['generation']
                Image           = $d['spec']['template']['spec']['containers'][0]['image']
                Replicas        = $d['spec']['replicas']
                History         = (@(Invoke-TestKubectl -n $ns rollout history deployment/web) | Where-Object { $_ -match '^\d+\s' }) -join '|'
            } | ConvertTo-Json -Compress
        }
        # What a command writes, stream by stream (errors and warnings merged in, then told apart).
        function script:Invoke-Capture([scriptblock] $Command) {
            $all = @(& $Command 2>&1 3>&1)
            [pscustomobject]@{
                Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
                Errors   = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
                Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message })
            }
        }
        # Runs the command, returns its one error record (and fails the test if there is more or none, or output).
        function script:Get-OneError([scriptblock] $Command) {
            $r = Invoke-Capture $Command
            $r.Output | Should -BeNullOrEmpty
            $r.Errors.Count | Should -Be 1
            $r.Errors[0]
        }
        # An editor script: the first time it edits the file with $Sed; each time it keeps a copy of what it was given.
        function script:New-EditorScript([string] $Sed) {
            $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory $dir
            $script = Join-Path $dir 'editor.sh'
            Set-Content -LiteralPath $script -Value @"
#!/bin/bash
n=`$(cat '$dir/count' 2>/dev/null || echo 0); n=`$((n+1)); echo `$n > '$dir/count'
cp "`$1" "$dir/seen-`$n.yaml"
if [ `$n -eq 1 ]; then sed -i '$Sed' "`$1"; fi
"@
            chmod +x $script
            [pscustomobject]@{ Path = $script; Folder = $dir }
        }
        function script:Invoke-WithEditor([string] $Editor, [scriptblock] $Command) {
            $saved = $env:KUBE_EDITOR
            try { $env:KUBE_EDITOR = $Editor; Invoke-Capture $Command } finally { $env:KUBE_EDITOR = $saved }
        }
        $script:before = Get-State
    }

    AfterAll {
        Remove-TestNamespace $script:ns
    }

    It 'undo to a revision that does not exist: RevisionNotFound, naming the revisions there are' {
        $e = Get-OneError { Undo-K8sRollout web -Namespace $ns -ToRevision 7 }
        $e.FullyQualifiedErrorId | Should -Match '^RevisionNotFound,'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.ToString() | Should -Be 'unable to find specified revision 7 in history; deployments.apps "web" has revisions 1, 2'
        Invoke-TestKubectl -n $ns rollout undo deployment/web --to-revision=7 -AllowFailure | Should -Match 'unable to find specified revision 7 in history'
        Get-State | Should -Be $before
    }

    It 'set image on a container that does not exist: ContainerNotFound, naming the containers there are' {
        $e = Get-OneError { Set-K8sImage web -Namespace $ns -Image web=nginx:1.26 }
        $e.FullyQualifiedErrorId | Should -Match '^ContainerNotFound,'
        $e.ToString() | Should -Be 'unable to find container named "web" in deployments.apps "web"; its containers are: nginx'
        $e.ErrorDetails.RecommendedAction | Should -Match 'container names listed'
        Invoke-TestKubectl -n $ns set image deployment/web web=nginx:1.26 -AllowFailure | Should -Match 'unable to find container named "web"'
        Get-State | Should -Be $before
    }

    It 'an edit that breaks the YAML is reopened with the error at the top, as kubectl reopens it; saved again unchanged it ends in an error' {
        $sed = 's/^  replicas: 3$/  replicas: 3: 4/'
        $ours = New-EditorScript $sed
        $r = Invoke-WithEditor $ours.Path { Edit-K8sResource deploy web -Namespace $ns }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Match '^EditCancelled,'
        $r.Errors[0].ToString() -match '^Edit cancelled, no valid changes were saved\.; a copy of your changes has been stored to "(?<file>[^"]+)"$' | Should -BeTrue -Because $r.Errors[0].ToString()
        $kept = $Matches.file
        Test-Path -LiteralPath $kept | Should -BeTrue
        $r.Warnings | Should -Be 'error: deployments.apps "web" is invalid'
        Get-Content -Raw (Join-Path $ours.Folder 'count') | Should -Match '^2'

        $theirs = New-EditorScript $sed
        $null = Invoke-WithEditor $theirs.Path { Invoke-TestKubectl -n $ns edit deployment web -AllowFailure }
        $reopenedOurs = @(Get-Content -LiteralPath (Join-Path $ours.Folder 'seen-2.yaml'))
        $reopenedTheirs = @(Get-Content -LiteralPath (Join-Path $theirs.Folder 'seen-2.yaml'))
        # The header and the reason's first line are kubectl's; the cause names the same line, in YamlDotNet's words.
        $reopenedOurs[0..4] | Should -Be $reopenedTheirs[0..4]
        $reopenedOurs[4] | Should -Be '# deployments.apps "web" was not valid:'
        $reopenedTheirs[5] -match 'yaml: line (\d+):' | Should -BeTrue
        $line = $Matches[1]
        $reopenedOurs[5] | Should -Match ([regex]::Escape("# * Invalid value: ""The edited file failed validation"": yaml: line ${line}:"))
        # The rest is the text as the user left it.
        ($reopenedOurs -join "`n") | Should -Match '\n  replicas: 3: 4\n'
        Get-State | Should -Be $before
        Remove-Item -LiteralPath $kept
    }

    It 'an edit the server refuses as invalid is reopened with kubectl''s reason and causes, line for line' {
        $sed = 's/^  replicas: 3$/  replicas: -1/'
        $ours = New-EditorScript $sed
        $r = Invoke-WithEditor $ours.Path { Edit-K8sResource deploy web -Namespace $ns }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Match '^EditCancelled,'
        $theirs = New-EditorScript $sed
        $null = Invoke-WithEditor $theirs.Path { Invoke-TestKubectl -n $ns edit deployment web -AllowFailure }
        $reopenedOurs = @(Get-Content -LiteralPath (Join-Path $ours.Folder 'seen-2.yaml'))
        $reopenedTheirs = @(Get-Content -LiteralPath (Join-Path $theirs.Folder 'seen-2.yaml'))
        $reopenedOurs[0..6] | Should -Be $reopenedTheirs[0..6]
        $reopenedOurs[5] | Should -Be '# * spec.replicas: Invalid value: -1: must be greater than or equal to 0'
        Get-State | Should -Be $before
        Get-ChildItem ([IO.Path]::GetTempPath()) -Filter 'k8sps-edit-*.yaml' | Where-Object { (Get-Content -Raw $_.FullName) -match 'replicas: -1' } | Remove-Item
    }

    It 'an edit that changes the name is refused and sends nothing' {
        $e = Get-OneError { Edit-K8sResource deploy web -Namespace $ns -ScriptBlock { $_.metadata.name = 'web2' } }
        $e.FullyQualifiedErrorId | Should -Match '^EditChangedIdentity,'
        $e.ToString() | Should -Match '^At least one of apiVersion, kind and name was changed'
        Invoke-TestKubectl -n $ns get deployment web2 -AllowFailure | Should -Match 'NotFound'
        Get-State | Should -Be $before
    }

    It 'scale with a wrong current-replicas: ScalePreconditionFailed with kubectl''s message' {
        $e = Get-OneError { Set-K8sScale web -Namespace $ns -Replicas 5 -CurrentReplicas 2 }
        $e.FullyQualifiedErrorId | Should -Match '^ScalePreconditionFailed,'
        $e.ToString() | Should -Match '^Expected replicas to be 2, was 3'
        Invoke-TestKubectl -n $ns scale deployment/web --replicas=5 --current-replicas=2 -AllowFailure | Should -Match 'Expected replicas to be 2, was 3'
        Get-State | Should -Be $before
    }

    It 'a wait on something that never comes times out saying what it last saw' {
        $e = Get-OneError { Wait-K8sCondition deploy web -Namespace $ns -For 'jsonpath={.spec.replicas}=7' -Timeout 2s }
        $e.FullyQualifiedErrorId | Should -Match '^WaitTimeout,'
        $e.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $e.ToString() | Should -Be 'timed out waiting for the condition on deployments.apps/web (jsonpath {.spec.replicas}=7); last seen: {.spec.replicas} is 3'
        Invoke-TestKubectl -n $ns wait deployment/web --for=jsonpath='{.spec.replicas}=7' --timeout=2s -AllowFailure | Should -Match 'timed out waiting for the condition on deployments/web'
    }

    It 'a wait on a rollout that never completes times out saying what it last saw' {
        $null = Invoke-TestKubectl -n $ns create deployment stuck --image=nginx
        $null = Invoke-TestKubectl -n $ns patch deployment stuck -p '{"spec":{"template":{"spec":{"nodeSelector":{"k8sps.io/no-such-node":"x"}}}}}'
        $e = Get-OneError { Wait-K8sRollout stuck -Namespace $ns -Timeout 3s }
        $e.FullyQualifiedErrorId | Should -Match '^WaitTimeout,'
        $e.ToString() | Should -Match '^timed out waiting for the rollout of deployment\.apps/stuck after 3s; last seen: Waiting for deployment "stuck" rollout to finish: '
    }

    It 'a rollout past its progress deadline is ProgressDeadlineExceeded, as kubectl says' {
        $null = Invoke-TestKubectl -n $ns create deployment late --image=nginx
        $null = Invoke-TestKubectl -n $ns patch deployment late -p '{"spec":{"progressDeadlineSeconds":2,"template":{"spec":{"nodeSelector":{"k8sps.io/no-such-node":"x"}}}}}'
        $e = Get-OneError { Wait-K8sRollout late -Namespace $ns -Timeout 2m }
        $e.FullyQualifiedErrorId | Should -Match '^ProgressDeadlineExceeded,'
        $e.ToString() | Should -Match '^deployment "late" exceeded its progress deadline'
        Invoke-TestKubectl -n $ns rollout status deployment/late --timeout=60s -AllowFailure | Should -Match 'exceeded its progress deadline'
    }

    It 'pausing a DaemonSet is refused before anything is read, as kubectl refuses it' {
        $e = Get-OneError { Suspend-K8sRollout ds/agent -Namespace $ns }
        $e.FullyQualifiedErrorId | Should -Match '^KindNotSupported,'
        $e.ToString() | Should -Be 'rollout pause does not work on DaemonSets, as kubectl''s does not: it works on Deployment'
    }

    It 'under -WhatIf a change is only a server dry run' {
        $r = Set-K8sImage web -Namespace $ns -Image nginx=nginx:1.26 -WhatIf
        $r.DryRun | Should -BeTrue
        $r.ToString() | Should -Be 'deployment.apps/web image updated (server dry run)'
        (Undo-K8sRollout web -Namespace $ns -WhatIf).DryRun | Should -BeTrue
        (Set-K8sScale web -Namespace $ns -Replicas 1 -WhatIf).DryRun | Should -BeTrue
        (Edit-K8sResource deploy web -Namespace $ns -ScriptBlock { $_.spec.replicas = 1 } -WhatIf).DryRun | Should -BeTrue
        Get-State | Should -Be $before
    }
}
