<#
    B-DEPLOY (kubernetes-notes.md lines 552-588): the helloworld deployment (line 558, correct as written), then the
    notes' "main commands" of lines 580-588 in their order, each through K8sPS, with kubectl looking at the same
    object after each step: get deployments, get pods --show-labels, rollout status, set image (twice, each with a
    change cause), edit (by -ScriptBlock, then in the editor $env:KUBE_EDITOR names, as kubectl edit), rollout
    history (the revisions with their causes), rollout undo (back one), rollout undo --to-revision=1 (the first image).
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'B-DEPLOY day-2 commands on the helloworld deployment' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'b-deploy'
        $script:name = 'helloworld-deployment'
        $script:first = 'wardviaene/k8s-demo'

        # What kubectl says: the image of the one container, and the rollout history as REVISION -> CHANGE-CAUSE.
        function script:Get-KubectlImage { "$(Invoke-TestKubectl -n $ns get deploy $name -o 'jsonpath={.spec.template.spec.containers[0].image}')" }
        function script:Get-KubectlHistory {
            $lines = @(Invoke-TestKubectl -n $ns rollout history "deployment/$name") | Where-Object { $_ -match '^\d+\s' }
            foreach ($l in $lines) { $rev, $cause = $l -split '\s{2,}', 2; [pscustomobject]@{ Revision = [long]$rev; ChangeCause = $cause.Trim() } }
        }
        function script:Get-OurHistory {
            Get-K8sRolloutHistory $name -Namespace $ns | ForEach-Object {
                [pscustomobject]@{ Revision = $_.Revision; ChangeCause = $(if ($_.ChangeCause) { $_.ChangeCause } else { '<none>' }) }
            }
        }
        function script:ConvertTo-HistoryText($history) { ($history | ForEach-Object { "$($_.Revision)=$($_.ChangeCause)" }) -join '; ' }
    }

    AfterAll {
        Remove-TestNamespace $script:ns
    }

    It 'the notes'' deployment applies as written' {
        $r = Invoke-ApplyCapture -Path (Get-NotesYaml B-DEPLOY 558) -Namespace $ns
        $r.Errors | Should -BeNullOrEmpty
        $r.Actions | Should -Be "deployment.apps/$name created"
    }

    It 'kubectl get deployments: Get-K8sDeployment lists it as kubectl does' {
        $ours = @(Get-K8sDeployment -Namespace $ns)
        $ours.Name | Should -Be @((Invoke-TestKubectl -n $ns get deployments -Json)['items'] | ForEach-Object { $_['metadata']['name'] })
        $ours[0].Spec.Replicas | Should -Be 3
    }

    It 'kubectl get pods --show-labels: Get-K8sPod shows the labels kubectl shows' {
        $null = Wait-PodsRunning $ns 'app=helloworld' -Count 3
        $ours = @(Get-K8sPod -Namespace $ns -Selector app=helloworld | Sort-Object Name)
        $theirs = @((Invoke-TestKubectl -n $ns get pods -l app=helloworld -Json)['items'] | Sort-Object { $_['metadata']['name'] })
        $ours.Count | Should -Be 3
        $ours.Name | Should -Be @($theirs | ForEach-Object { $_['metadata']['name'] })
        $ours.LabelText | Should -Be @($theirs | ForEach-Object { ($_['metadata']['labels'].GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ',' })
        ($ours | Format-Table -View ShowLabels | Out-String -Width 300) | Should -Match 'app=helloworld,pod-template-hash='
    }

    It 'kubectl rollout status: Wait-K8sRollout ends with kubectl''s last line, every replica available' {
        $result = Wait-K8sRollout $name -Namespace $ns -Timeout 2m
        $result.Done | Should -BeTrue
        $result.Message | Should -Be "deployment `"$name`" successfully rolled out"
        $result.AvailableReplicas | Should -Be 3
        $result.Revision | Should -Be 1
        @(Invoke-TestKubectl -n $ns rollout status "deployment/$name" --timeout=60s)[-1] | Should -Be $result.Message
    }

    It 'kubectl set image (twice, each with a change cause): kubectl sees each image and rollout status completes' {
        foreach ($tag in '2', '3') {
            $change = Set-K8sImage $name -Namespace $ns -Image "k8s-demo=${first}:$tag" -ChangeCause "set image to $tag"
            $change.ToString() | Should -Be "deployment.apps/$name image updated"
            $change.Detail | Should -Match "k8s-demo: .* -> ${first}:$tag"
            (Wait-K8sRollout $name -Namespace $ns -Timeout 2m).Done | Should -BeTrue
            Get-KubectlImage | Should -Be "${first}:$tag"
        }
    }

    It 'kubectl edit, by -ScriptBlock: the image changes, with a change cause' {
        $change = Edit-K8sResource deploy $name -Namespace $ns -ScriptBlock {
            $_.spec.template.spec.containers[0].image = 'wardviaene/k8s-demo:4'
            $_.metadata.annotations.'kubernetes.io/change-cause' = 'edit to 4 (script block)'
        }
        $change.ToString() | Should -Be "deployment.apps/$name edited"
        (Wait-K8sRollout $name -Namespace $ns -Timeout 2m).Done | Should -BeTrue
        Get-KubectlImage | Should -Be "${first}:4"
    }

    It 'kubectl edit, in the editor of $env:KUBE_EDITOR: it sees kubectl edit''s file, and what it saves is applied' {
        $editor = Join-Path $TestDrive 'editor.sh'
        $seen = Join-Path $TestDrive 'seen.yaml'
        Set-Content -LiteralPath $editor -Value @"
#!/bin/bash
cp "`$1" '$seen'
sed -i -e 's|image: ${first}:4|image: ${first}:5|' -e 's|kubernetes.io/change-cause: edit to 4 (script block)|kubernetes.io/change-cause: edit to 5 (editor)|' "`$1"
"@
        chmod +x $editor
        $saved = $env:KUBE_EDITOR
        try {
            $env:KUBE_EDITOR = $editor
            $change = Edit-K8sResource deploy $name -Namespace $ns
        } finally { $env:KUBE_EDITOR = $saved }
        $change.ToString() | Should -Be "deployment.apps/$name edited"
        $file = Get-Content -Raw -LiteralPath $seen
        $file | Should -Match '^# Please edit the object below\. Lines beginning with a ''#'' will be ignored,\n'
        $file | Should -Not -Match 'managedFields'
        $file | Should -Match "name: $name"
        (Wait-K8sRollout $name -Namespace $ns -Timeout 2m).Done | Should -BeTrue
        Get-KubectlImage | Should -Be "${first}:5"
    }

    It 'kubectl rollout history: five revisions with their causes, as kubectl lists them' {
        $ours = @(Get-OurHistory)
        ConvertTo-HistoryText $ours | Should -Be '1=<none>; 2=set image to 2; 3=set image to 3; 4=edit to 4 (script block); 5=edit to 5 (editor)'
        ConvertTo-HistoryText $ours | Should -Be (ConvertTo-HistoryText @(Get-KubectlHistory))
        $table = Get-K8sRolloutHistory $name -Namespace $ns | Out-String
        $table | Should -Match "deployment\.apps/$name"
        $table | Should -Match 'REVISION\s+CHANGE-CAUSE'
        (Get-K8sRolloutHistory $name -Namespace $ns -Revision 2).Spec.Containers[0].Image | Should -Be "${first}:2"
    }

    It 'kubectl rollout undo: back one, to the image of revision 4, which becomes revision 6' {
        $change = Undo-K8sRollout $name -Namespace $ns
        $change.ToString() | Should -Be "deployment.apps/$name rolled back"
        (Wait-K8sRollout $name -Namespace $ns -Timeout 2m).Done | Should -BeTrue
        Get-KubectlImage | Should -Be "${first}:4"
        $history = @(Get-OurHistory)
        ConvertTo-HistoryText $history | Should -Be '1=<none>; 2=set image to 2; 3=set image to 3; 5=edit to 5 (editor); 6=edit to 4 (script block)'
        ConvertTo-HistoryText $history | Should -Be (ConvertTo-HistoryText @(Get-KubectlHistory))
    }

    It 'kubectl rollout undo --to-revision=1: the first image again, with no change cause' {
        $change = Undo-K8sRollout $name -Namespace $ns -ToRevision 1
        $change.ToString() | Should -Be "deployment.apps/$name rolled back"
        (Wait-K8sRollout $name -Namespace $ns -Timeout 2m).Done | Should -BeTrue
        Get-KubectlImage | Should -Be $first
        $history = @(Get-OurHistory)
        $history[-1].Revision | Should -Be 7
        $history[-1].ChangeCause | Should -Be '<none>'
        ConvertTo-HistoryText $history | Should -Be (ConvertTo-HistoryText @(Get-KubectlHistory))
    }

    It 'undo to the revision that is current already is kubectl''s skipped rollback, and sends nothing' {
        $generation = (Invoke-TestKubectl -n $ns get deploy $name -Json)['metadata']['generation']
        (Undo-K8sRollout $name -Namespace $ns -ToRevision 7).ToString() | Should -Be "deployment.apps/$name skipped rollback (current template already matches revision 7)"
        (Invoke-TestKubectl -n $ns get deploy $name -Json)['metadata']['generation'] | Should -Be $generation
    }
}
