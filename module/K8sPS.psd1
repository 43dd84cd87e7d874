@{
    RootModule           = 'K8sPS.dll'
    ModuleVersion        = '{{Version}}'
    GUID                 = '4f1b7a52-9d3c-4c1e-8a57-5f0e2b6c9a10'
    Author               = 'K8sPS developers'
    Description          = 'Kubernetes from PowerShell: typed objects on the pipeline, manifests, and a local cluster with no Docker.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('K8sPS.format.ps1xml', 'K8sPS.LocalCluster.format.ps1xml', 'K8sPS.Manifests.format.ps1xml', 'K8sPS.Kinds.format.ps1xml', 'K8sPS.Secrets.format.ps1xml', 'K8sPS.Kubelet.format.ps1xml', 'K8sPS.Networking.format.ps1xml')
    TypesToProcess       = @('K8sPS.types.ps1xml', 'K8sPS.Kinds.types.ps1xml', 'K8sPS.Secrets.types.ps1xml')
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
        'ConvertFrom-K8sYaml'
        'ConvertTo-K8sYaml'
        'ConvertTo-K8sJson'
        'Test-K8sManifest'
        'Set-K8sResource'
        'Get-K8sResource'
        'Remove-K8sResource'
    )
    AliasesToExport      = @(
        'Expose-K8sService'
        'Apply-K8sManifest'
        'Apply-K8sResource'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    PrivateData          = @{ PSData = @{ Tags = @('Kubernetes', 'k8s', 'kubectl') } }
}
