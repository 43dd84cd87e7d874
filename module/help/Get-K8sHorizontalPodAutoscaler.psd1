@{
    Synopsis    = 'Gets HorizontalPodAutoscalers, as kubectl get hpa does, with the controller''s conditions as properties.'
    Description = @'
Reads the autoscalers in the best autoscaling version the server serves (autoscaling/v2, else v2beta2, else v1) and shows them like kubectl get hpa: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE. TARGETS names each metric's resource, as newer servers print it: cpu: 10%/50% is 10% of the requested CPU in use against a target of 50%; cpu: <unknown>/50% means the controller has no measurement. Each column is a property (Reference, Targets, MinPods, MaxPods, Replicas, Age), and so are DesiredReplicas and the controller's conditions: Conditions (type, status, reason, message), AbleToScale, ScalingActive and ScalingLimited as True or False, and Problems.

When the controller says an autoscaler cannot scale (AbleToScale or ScalingActive False), a warning quotes its condition, as kubectl describe hpa shows it: for pods without CPU requests, ScalingActive False FailedGetResourceMetric: the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu.
'@
    Parameters  = @{
        Name          = 'Names of the autoscalers to get. Wildcards are allowed. Without -Name, every autoscaler of the namespace.'
        Namespace     = 'The namespace to look in. Default: the context''s namespace.'
        AllNamespaces = 'Looks in every namespace (kubectl -A), with a NAMESPACE column.'
        Selector      = 'A label selector, as kubectl -l: app=web.'
        FieldSelector = 'A field selector, as kubectl --field-selector: metadata.name=web.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sHorizontalPodAutoscaler'; Remarks = 'kubectl get hpa' }
        @{ Code = 'Get-K8sHorizontalPodAutoscaler -AllNamespaces | Where-Object ScalingActive -eq $false | Select-Object Namespace, Name, Problems'; Remarks = 'Autoscalers the controller cannot act for, and why.' }
        @{ Code = 'Get-K8sHorizontalPodAutoscaler web | Select-Object -ExpandProperty Conditions'; Remarks = 'kubectl describe hpa web''s Conditions. Needs: deployment/web, horizontalpodautoscaler/web.' }
    )
    Outputs     = 'k8s.Models.V2HorizontalPodAutoscaler (from autoscaling/v2 or v2beta2), with Name, Namespace, Reference, Targets, MinPods, MaxPods, Replicas, DesiredReplicas, Conditions, AbleToScale, ScalingActive, ScalingLimited, Problems and Age; k8s.Models.V1HorizontalPodAutoscaler on a server that serves only autoscaling/v1.'
    Links       = @('New-K8sHorizontalPodAutoscaler', 'Remove-K8sHorizontalPodAutoscaler', 'kubectl get hpa', 'kubectl describe hpa')
}
