@{
    Synopsis    = 'Creates a deployment from one or more images, as kubectl create deployment does.'
    Description = @'
Creates the same Deployment kubectl create deployment creates for the same input: the labels, selector and pod template labels are app=<name>, each image becomes a container named after the image (its last path segment without tag or digest), the replica count is set explicitly, and -Port becomes the container port of the first container. Everything else is left to the server's defaults.

The input is checked before anything is sent: a name that is not a lowercase DNS name, an image with spaces, or a negative replica count gives an Invalid error and creates nothing. Returns the deployment as the server created it.
'@
    Parameters  = @{
        Name      = 'The deployment name: lowercase letters, digits, ''-'' and ''.''. It is also the value of the app label.'
        Image     = 'The container images, one container each, e.g. nginx:1.27 or docker.io/user/app:v1.'
        Replicas  = 'How many pods to run. Default 1.'
        Port      = 'The port the first container listens on (containerPort).'
        Namespace = 'The namespace to create it in. Default: the context''s namespace.'
        Affinity  = 'The pods'' affinity (spec.template.spec.affinity): New-K8sAffinity output, or the same fields as a hashtable or ConvertFrom-K8sYaml output. kubectl create deployment has no such flag; without it the deployment is kubectl''s.'
        Context   = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'New-K8sDeployment -Name first-app -Image kodekloud/webapp-color:v1'; Remarks = 'kubectl create deployment first-app --image=kodekloud/webapp-color:v1' }
        @{ Code = 'New-K8sDeployment web -Image nginx -Replicas 3 -Port 80 | Expose-K8sService -Port 8080 -Type NodePort'; Remarks = 'Creates a deployment of three nginx pods and exposes it on a node port.' }
        @{ Code = 'New-K8sDeployment web -Image nginx -WhatIf'; Remarks = 'Checks the input and shows what would be created, without creating it.' }
        @{ Code = 'New-K8sDeployment web -Image nginx -Replicas 3 -Affinity (New-K8sAffinity -PodAntiAffinity app=web)'; Remarks = 'Three replicas spread one per node.' }
    )
    Outputs     = 'k8s.Models.V1Deployment, the object the server created.'
    Links       = @('Get-K8sDeployment', 'New-K8sService', 'Remove-K8sDeployment', 'New-K8sAffinity', 'kubectl create deployment')
}
