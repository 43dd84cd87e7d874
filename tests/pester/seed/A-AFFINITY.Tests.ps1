<#
    A-AFFINITY (kubernetes-notes.md line 1338): the notes' "Node Affinity & anti-Affinity" section is empty;
    examples/A-AFFINITY fills it with three deployments. What a user checks: required node affinity is honoured
    (Pending, with the scheduler's reason, until a node has the label; then every pod on it), preferred affinity is
    weighed (of two matching nodes the heavier preference wins), anti-affinity spreads replicas one per node and a
    fourth replica stays Pending with the scheduler's reason. The same affinities written without YAML
    (New-K8sAffinity, New-K8sDeployment -Affinity) give the same objects and the same placement.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'A-AFFINITY node affinity, preferences and pod anti-affinity' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'a-affinity'
        $script:kns = New-TestNamespace -Prefix 'a-affinity-kubectl'
        $script:pns = New-TestNamespace -Prefix 'a-affinity-ps'
        $script:example = Get-ExampleFolder 'A-AFFINITY'
        $script:required = Join-Path $example 'required.yaml'
        $script:preferred = Join-Path $example 'preferred.yaml'
        $script:anti = Join-Path $example 'anti-affinity.yaml'
        $script:nodes = @((Invoke-TestKubectl get nodes -Json)['items'] | ForEach-Object { $_['metadata']['name'] } | Sort-Object)
        $script:zone = 'topology.kubernetes.io/zone'
        # No node carries the example's labels before.
        $null = Invoke-TestKubectl label nodes --all disktype- "$zone-" -AllowFailure
        function script:Get-NodesOf([string] $Namespace, [string] $Selector) { @(Get-TestPods $Namespace $Selector | ForEach-Object { $_['spec']['nodeName'] }) }
        function script:Get-Affinity([string] $Namespace, [string] $Deployment) { (Invoke-TestKubectl -n $Namespace get deployment $Deployment -Json)['spec']['template']['spec']['affinity'] }
    }

    AfterAll {
        $null = Invoke-TestKubectl label nodes --all disktype- "$($script:zone)-" -AllowFailure
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
        Remove-TestNamespace $script:pns
    }

    Context 'by YAML (examples/A-AFFINITY)' {
        It 'lint finds nothing in the examples' {
            Test-K8sManifest -Path (Get-ExampleFiles 'A-AFFINITY') | Should -BeNullOrEmpty
        }

        It 'required: with no node labelled disktype the pods stay Pending, and the scheduler says why' {
            $r = Invoke-ApplyCapture -Path $required -Namespace $ns
            Assert-ExampleApplied $r @('deployment.apps/fast-store created')
            $stuck = Wait-Unschedulable $ns 'app=fast-store'
            $stuck.Condition['message'] | Should -Match "0/3 nodes are available: 3 node\(s\) didn't match Pod's node affinity"
            $stuck.Event['message'] | Should -Match "didn't match Pod's node affinity"
            Get-NodesOf $ns 'app=fast-store' | Where-Object { $_ } | Should -BeNullOrEmpty
        }

        It 'required: once one node is labelled disktype=ssd every pod lands on it' {
            Set-K8sNodeLabel $nodes[1] @{ disktype = 'ssd' } -ErrorAction Stop
            $null = Wait-PodsRunning $ns 'app=fast-store' -Count 3
            @(Get-NodesOf $ns 'app=fast-store' | Sort-Object -Unique) | Should -Be $nodes[1]
        }

        It 'preferred: of two matching nodes the one preferred with weight 80 wins over weight 20' {
            Set-K8sNodeLabel $nodes[0] @{ $zone = 'b' } -ErrorAction Stop
            Set-K8sNodeLabel $nodes[2] @{ $zone = 'a' } -ErrorAction Stop
            Assert-ExampleApplied (Invoke-ApplyCapture -Path $preferred -Namespace $ns) @('deployment.apps/zone-pref created')
            $pod = @(Wait-PodsRunning $ns 'app=zone-pref' -Count 1)[0]
            $pod['spec']['nodeName'] | Should -Be $nodes[2]
        }

        It 'anti-affinity: three replicas, one per node' {
            Assert-ExampleApplied (Invoke-ApplyCapture -Path $anti -Namespace $ns) @('deployment.apps/spread created')
            $null = Wait-PodsRunning $ns 'app=spread' -Count 3
            @(Get-NodesOf $ns 'app=spread' | Sort-Object) | Should -Be $nodes
        }

        It 'anti-affinity: a fourth replica stays Pending with the scheduler''s reason' {
            $null = Invoke-TestKubectl -n $ns scale deployment spread --replicas=4
            $stuck = Wait-Unschedulable $ns 'app=spread'
            $stuck.Condition['message'] | Should -Match "0/3 nodes are available: 3 node\(s\) didn't match pod affinity/anti-affinity, 3 node\(s\) didn't match pod anti-affinity rules"
            $stuck.Event['source']['component'] | Should -Be 'default-scheduler'
            $stuck.Event['message'] | Should -Match "didn't match pod anti-affinity rules"
            # the three placed ones did not move
            @(Get-NodesOf $ns 'app=spread' | Where-Object { $_ } | Sort-Object) | Should -Be $nodes
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path (Get-ExampleFiles 'A-AFFINITY') -Namespace $ns -KubectlNamespace $kns |
                Where-Object { $_ -notmatch '^Deployment/spread:' } | Should -BeNullOrEmpty   # ours was scaled to 4 above
            $ours = Get-Affinity $ns spread | ConvertTo-Json -Depth 20 -Compress
            $ours | Should -Be (Get-Affinity $kns spread | ConvertTo-Json -Depth 20 -Compress)
        }

        It 're-applying says unchanged, and removal by -Path leaves nothing' {
            $null = Invoke-TestKubectl -n $ns scale deployment spread --replicas=3
            Assert-ExampleReappliedUnchanged (Get-ExampleFiles 'A-AFFINITY') $ns @('deployment.apps/fast-store created', 'deployment.apps/zone-pref created', 'deployment.apps/spread created')
            Assert-ExampleRemoved (Get-ExampleFiles 'A-AFFINITY') $ns
        }
    }

    Context 'without YAML (New-K8sAffinity, New-K8sDeployment -Affinity)' {
        It 'gives the affinity the YAML gives' {
            # Both sides as sorted JSON: the examples' spec.template.spec.affinity, and New-K8sAffinity's Yaml read back.
            function Canonical($o) { $o | ConvertTo-Json -Depth 30 | ConvertFrom-Json -AsHashtable | ForEach-Object { @{ a = $_; metadata = @{} } | ConvertTo-ComparableJson -ErrorAction Stop } }
            $fromYaml = @(ConvertFrom-K8sYaml -Path $required, $preferred, $anti | ForEach-Object { Canonical $_.spec.template.spec.affinity })
            $built = @(
                New-K8sAffinity -RequiredNode 'disktype in (ssd,nvme)'
                New-K8sAffinity -PreferredNode "$zone=a" -Weight 80 | New-K8sAffinity -PreferredNode "$zone in (b)" -Weight 20
                New-K8sAffinity -PodAntiAffinity 'app=spread'
            ) | ForEach-Object { Canonical ($_.Yaml | ConvertFrom-K8sYaml) }
            $built[0] | Should -Be $fromYaml[0]
            $built[1] | Should -Be $fromYaml[1]
            # '=' gives matchLabels in a pod selector, as the example writes it
            $built[2] | Should -Be $fromYaml[2]
            (New-K8sAffinity -PodAntiAffinity 'app=spread' | Out-String) | Should -Match 'podAntiAffinity:\s+requiredDuringSchedulingIgnoredDuringExecution:'
        }

        It 'New-K8sDeployment -Affinity: required node affinity and anti-affinity placed as the YAML places them' {
            New-K8sDeployment fast-ps -Image nginx -Replicas 2 -Namespace $pns -Affinity (New-K8sAffinity -RequiredNode 'disktype in (ssd,nvme)') -ErrorAction Stop | Out-Null
            New-K8sDeployment spread-ps -Image nginx -Replicas 4 -Namespace $pns -Affinity (New-K8sAffinity -PodAntiAffinity 'app=spread-ps') -ErrorAction Stop | Out-Null
            $null = Wait-PodsRunning $pns 'app=fast-ps' -Count 2
            @(Get-NodesOf $pns 'app=fast-ps' | Sort-Object -Unique) | Should -Be $nodes[1]
            $null = Wait-PodsRunning $pns 'app=spread-ps' -Count 3
            $stuck = Wait-Unschedulable $pns 'app=spread-ps'
            $stuck.Event['message'] | Should -Match 'anti-affinity'
            @(Get-NodesOf $pns 'app=spread-ps' | Where-Object { $_ } | Sort-Object) | Should -Be $nodes
            (Get-Affinity $pns spread-ps)['podAntiAffinity']['requiredDuringSchedulingIgnoredDuringExecution'][0]['topologyKey'] | Should -Be 'kubernetes.io/hostname'
        }

        It 'a hashtable written as the YAML is taken too, and bad selectors or weights are refused before anything is sent' {
            $h = @{ nodeAffinity = @{ requiredDuringSchedulingIgnoredDuringExecution = @{ nodeSelectorTerms = @(@{ matchExpressions = @(@{ key = 'disktype'; operator = 'In'; values = @('ssd') }) }) } } }
            New-K8sDeployment hash-ps -Image nginx -Namespace $pns -Affinity $h -ErrorAction Stop | Out-Null
            (Get-Affinity $pns hash-ps)['nodeAffinity']['requiredDuringSchedulingIgnoredDuringExecution']['nodeSelectorTerms'][0]['matchExpressions'][0]['key'] | Should -Be 'disktype'
            { New-K8sAffinity -RequiredNode 'disktype in ssd' } | Should -Throw -ErrorId 'InvalidSelector*'
            { New-K8sAffinity -PreferredNode 'a=b' -Weight 0 } | Should -Throw
            { New-K8sAffinity -PodAntiAffinity 'cores>2' } | Should -Throw -ErrorId 'InvalidAffinity*'
        }
    }
}
