<#
    Get-Help about_K8sPS and about_K8sPS_LocalCluster show the topics shipped in the built module's en-US folder:
    the concepts, the kubectl -> K8sPS table with every command the notes use, and the simulator's annotations.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'about_ topics' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:moduleBase = (Get-Module K8sPS).ModuleBase
        function Get-Topic([string] $Name) { (Get-Help $Name | Out-String) -replace '\s+', ' ' }
    }

    It '<_> is shipped in the module''s en-US folder and Get-Help shows it' -ForEach 'about_K8sPS', 'about_K8sPS_LocalCluster' {
        $file = Join-Path $moduleBase "en-US/$_.help.txt"
        $file | Should -Exist
        $shown = Get-Topic $_
        $firstLine = (Get-Content $file | Where-Object { $_ -match 'Kubernetes' } | Select-Object -First 1).Trim() -replace '\s+', ' '
        $shown | Should -Match ([regex]::Escape($firstLine))
    }

    It 'about_K8sPS explains the shared concepts' {
        $text = Get-Topic about_K8sPS
        foreach ($heading in 'OBJECTS ON THE PIPELINE', '-WHATIF AND -CONFIRM', 'ERRORS', 'CONTEXTS AND NAMESPACES', 'KUBECTL -> K8SPS') {
            $text | Should -Match ([regex]::Escape($heading))
        }
    }

    It 'about_K8sPS maps every command of the notes (<_>)' -ForEach @(
        'kubectl create deployment', 'kubectl get pods', 'kubectl delete', 'kubectl expose deployment', 'kubectl get services',
        'kubectl apply -f', 'kubectl get deployments', '--show-labels', 'kubectl rollout status', 'kubectl set image',
        'kubectl edit', 'kubectl rollout history', 'kubectl rollout undo', '--to-revision', 'kubectl label nodes',
        'kubectl create secret generic', 'kubectl create configmap', 'kubectl top pods', 'minikube start', 'minikube service'
    ) {
        Get-Topic about_K8sPS | Should -Match ([regex]::Escape($_))
    }

    It 'about_K8sPS names the cmdlet of a task of the notes: <_>' -ForEach @(
        'New-K8sDeployment', 'Get-K8sPod', 'Set-K8sResource', 'Get-K8sServiceUrl', 'Set-K8sImage', 'Undo-K8sRollout',
        'Edit-K8sResource', 'Set-K8sNodeLabel', 'New-K8sSecret', 'New-K8sConfigMap', 'Get-K8sTop', 'Start-K8sLocalCluster'
    ) {
        Get-Topic about_K8sPS | Should -Match ([regex]::Escape($_))
    }

    It 'about_K8sPS_LocalCluster lists every annotation of the simulator and the metrics source' {
        $text = Get-Topic about_K8sPS_LocalCluster
        foreach ($key in 'exit-code', 'exit-after', 'liveness-fails-after', 'readiness-fails-after', 'readiness-fails-for', 'image-pull',
            'post-start-duration', 'pre-stop-duration', 'log', 'log-every', 'cpu', 'memory', 'heartbeat') {
            $text | Should -Match ([regex]::Escape("sim.k8sps.io/$key"))
        }
        $text | Should -Match 'WHAT IS REAL'
        $text | Should -Match 'WHAT IS SIMULATED'
        $text | Should -Match 'k8sps-simulator'
    }
}
