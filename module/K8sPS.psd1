@{
    RootModule           = 'K8sPS.dll'
    ModuleVersion        = '{{Version}}'
    GUID                 = '4f1b7a52-9d3c-4c1e-8a57-5f0e2b6c9a10'
    Author               = 'K8sPS developers'
    Description          = 'Kubernetes from PowerShell: typed objects on the pipeline, manifests, and a local cluster with no Docker.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('K8sPS.format.ps1xml', 'K8sPS.LocalCluster.format.ps1xml', 'K8sPS.Manifests.format.ps1xml', 'K8sPS.Kinds.format.ps1xml', 'K8sPS.Nodes.format.ps1xml', 'K8sPS.Workloads.format.ps1xml')
    TypesToProcess       = @('K8sPS.types.ps1xml', 'K8sPS.Kinds.types.ps1xml', 'K8sPS.Nodes.types.ps1xml', 'K8sPS.Workloads.types.ps1xml')
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
        'ConvertTo-K8sObject'
        'Test-K8sObject'
        'Start-K8sLocalCluster'
        'Stop-K8sLocalCluster'
        'Get-K8sLocalCluster'
        'ConvertFrom-K8sYaml'
        'ConvertTo-K8sYaml'
        'ConvertTo-K8sJson'
        'Test-K8sManifest'
        'Set-K8sResource'
        'Get-K8sResource'
        'Remove-K8sResource'
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
    )
    AliasesToExport      = @(
        'Expose-K8sService'
        'Apply-K8sManifest'
        'Apply-K8sResource'
        'Cordon-K8sNode'
        'Uncordon-K8sNode'
        'Drain-K8sNode'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    PrivateData          = @{ PSData = @{ Tags = @('Kubernetes', 'k8s', 'kubectl') } }
}
