@{
    RootModule           = 'K8sPS.dll'
    # Pester assertions and test fixtures (script functions); they need the cmdlets, which the root module brings.
    NestedModules        = @('K8sPS.Pester.psm1')
    ModuleVersion        = '{{Version}}'
    GUID                 = '4f1b7a52-9d3c-4c1e-8a57-5f0e2b6c9a10'
    Author               = 'K8sPS developers'
    Copyright            = '(c) 2026 K8sPS developers. MIT License.'
    Description          = 'Kubernetes from PowerShell 7: kubectl''s day-1 and day-2 commands as cmdlets that put typed objects on the pipeline, manifests read and applied with errors that name the file and line, -WhatIf on every change, and a real local cluster (etcd, kube-apiserver, controller-manager, scheduler, simulated nodes) that starts in seconds with no Docker.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @(
        'K8sPS.format.ps1xml'
        'K8sPS.LocalCluster.format.ps1xml'
        'K8sPS.Manifests.format.ps1xml'
        'K8sPS.Kinds.format.ps1xml'
        'K8sPS.Readiness.format.ps1xml'
        'K8sPS.Rollouts.format.ps1xml'
        'K8sPS.Secrets.format.ps1xml'
        'K8sPS.Kubelet.format.ps1xml'
        'K8sPS.Networking.format.ps1xml'
        'K8sPS.Nodes.format.ps1xml'
        'K8sPS.Workloads.format.ps1xml'
        'K8sPS.Metrics.format.ps1xml'
        'K8sPS.Autoscaling.format.ps1xml'
        'K8sPS.Watch.format.ps1xml'
    )
    TypesToProcess       = @(
        'K8sPS.types.ps1xml'
        'K8sPS.Kinds.types.ps1xml'
        'K8sPS.Secrets.types.ps1xml'
        'K8sPS.Nodes.types.ps1xml'
        'K8sPS.Workloads.types.ps1xml'
        'K8sPS.Autoscaling.types.ps1xml'
    )
    CmdletsToExport      = @(
        'Get-K8sContext'
        'Use-K8sContext'
        'New-K8sDeployment'
        'Get-K8sDeployment'
        'Remove-K8sDeployment'
        'Get-K8sPod'
        'Remove-K8sPod'
        'New-K8sService'
        'Get-K8sService'
        'Remove-K8sService'
        'Get-K8sServiceUrl'
        'Resolve-K8sService'
        'New-K8sSecret'
        'Get-K8sSecret'
        'Get-K8sSecretValue'
        'New-K8sConfigMap'
        'Get-K8sConfigMap'
        'Get-K8sPodEnvironment'
        'ConvertTo-K8sObject'
        'Test-K8sObject'
        'Start-K8sLocalCluster'
        'Stop-K8sLocalCluster'
        'Get-K8sLocalCluster'
        'Invoke-K8sLocalClusterFault'
        'ConvertFrom-K8sYaml'
        'ConvertTo-K8sYaml'
        'ConvertTo-K8sJson'
        'Test-K8sManifest'
        'Set-K8sResource'
        'Get-K8sResource'
        'Remove-K8sResource'
        'Set-K8sResourceLabel'
        'Get-K8sReadiness'
        'Set-K8sImage'
        'Wait-K8sRollout'
        'Get-K8sRolloutHistory'
        'Undo-K8sRollout'
        'Restart-K8sRollout'
        'Suspend-K8sRollout'
        'Resume-K8sRollout'
        'Set-K8sScale'
        'Edit-K8sResource'
        'Wait-K8sCondition'
        'Get-K8sEvent'
        'Get-K8sPodLog'
        'Get-K8sNode'
        'Set-K8sNodeLabel'
        'Add-K8sNodeTaint'
        'Remove-K8sNodeTaint'
        'Disable-K8sNodeScheduling'
        'Enable-K8sNodeScheduling'
        'Clear-K8sNode'
        'New-K8sAffinity'
        'Get-K8sStatefulSet'
        'Get-K8sDaemonSet'
        'Get-K8sReplicaSet'
        'Get-K8sJob'
        'Get-K8sCronJob'
        'Get-K8sPersistentVolume'
        'Get-K8sPersistentVolumeClaim'
        'Get-K8sStorageClass'
        'Get-K8sTop'
        'New-K8sHorizontalPodAutoscaler'
        'Get-K8sHorizontalPodAutoscaler'
        'Remove-K8sHorizontalPodAutoscaler'
    )
    AliasesToExport      = @(
        'Expose-K8sService'
        'Apply-K8sManifest'
        'Apply-K8sResource'
        'Scale-K8sResource'
        'Pause-K8sRollout'
        'Autoscale-K8sDeployment'
        'Label-K8sResource'
    )
    FunctionsToExport    = @(
        'Register-K8sShouldOperator'
        'New-K8sTestNamespace'
        'Remove-K8sTestNamespace'
        'New-K8sTestCluster'
        'Remove-K8sTestCluster'
        'Cordon-K8sNode'
        'Uncordon-K8sNode'
        'Drain-K8sNode'
    )
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Kubernetes', 'k8s', 'kubectl', 'minikube', 'kubeconfig', 'manifest', 'yaml', 'devops', 'PSEdition_Core', 'Linux')
            ProjectUri   = 'https://github.com/K8sPS/K8sPS'
            LicenseUri   = 'https://github.com/K8sPS/K8sPS/blob/main/LICENSE'
            ReleaseNotes = @'
{{Version}}: the first release.
- kubectl's day-1 and day-2 commands as cmdlets with typed objects on the pipeline and -WhatIf (a server dry run) on every change: contexts, deployments, pods, services (Expose-K8sService, Get-K8sServiceUrl, Resolve-K8sService), secrets that never show a value, config maps, what a container sees (Get-K8sPodEnvironment), any kind by name (Get-/Set-/Remove-K8sResource: server-side apply with kubectl's results), readiness with reasons.
- Rollouts: Set-K8sImage, Wait-K8sRollout, Get-K8sRolloutHistory, Undo-/Restart-/Suspend-/Resume-K8sRollout, Set-K8sScale, Edit-K8sResource, Wait-K8sCondition, Get-K8sEvent.
- Nodes and scheduling: labels, taints, cordon, drain (Clear-K8sNode), New-K8sAffinity; workload and storage listings; Get-K8sTop and HorizontalPodAutoscalers.
- Manifests: YAML read as kubectl reads it, Test-K8sManifest (errors with file and line), ConvertTo-K8sYaml/-Json as kubectl get -o yaml/json.
- A local cluster without Docker (Start-/Stop-/Get-K8sLocalCluster): real Kubernetes 1.20.2 control plane, simulated nodes steered by sim.k8sps.io annotations, a metrics API.
- Tab completion from the live cluster; Pester assertions (Should -BeK8sReady, -HaveK8sReplicas, -BeK8sRunningOn, -HaveK8sCondition, -HaveK8sEndpoints) and test fixtures; Get-Help for every command, about_K8sPS and about_K8sPS_LocalCluster; runbooks in the repository's examples/runbooks.
'@
        }
    }
}
