@{
    Synopsis    = 'Creates a ConfigMap as kubectl create configmap does: from files, folders, key=path, literals or env files.'
    Description = @'
Makes the ConfigMap kubectl 1.32 makes from the same input and creates it. -FromFile takes files (the key is the file name), key=path, or folders (one key per regular file); -FromLiteral a hashtable of keys and values; -FromEnvFile KEY=value files. A value that is valid UTF-8 text goes to data, any other (an image, a keystore) to binaryData, as kubectl decides.

Everything is checked before anything is sent: key names (kubectl's rule: letters, digits, '-', '_' and '.', at most 253 characters), duplicate keys, the 1 MiB limit on data and binaryData together, files that cannot be read, and a folder with a subfolder or link (kubectl would leave it out without a word; -SkipSubfolders does the same on purpose). On any problem nothing is created.

-Force replaces an existing config map's content, as kubectl create configmap ... --dry-run=client -o yaml | kubectl apply -f - would (labels and annotations of the live object kept, keys no longer given removed).
'@
    Parameters  = @{
        Name           = 'The config map''s name.'
        Namespace      = 'The namespace. Default: the context''s namespace.'
        FromFile       = 'Files, key=path, or folders (each regular file a key), as kubectl --from-file. The key defaults to the file name.'
        FromLiteral    = 'A hashtable of keys and values (text; byte[] for binaryData), as kubectl --from-literal.'
        FromEnvFile    = 'Files of KEY=value lines, as kubectl --from-env-file.'
        SkipSubfolders = 'Leaves out a folder''s subfolders and links, as kubectl does silently. Without it they are an error.'
        Force          = 'Replaces the content of a config map that exists.'
        Context        = 'The kubeconfig context to use. Default: the current context.'
        WhatIf         = 'Shows what would be created or replaced without changing anything.'
        Confirm        = 'Asks before creating or replacing.'
    }
    Examples    = @(
        @{ Code = 'New-K8sConfigMap nginx-config -FromFile reverseproxy.conf'; Remarks = 'kubectl create configmap nginx-config --from-file=reverseproxy.conf (the notes, A-CONFIGMAP): the key reverseproxy.conf.' }
        @{ Code = 'New-K8sConfigMap app-settings -FromLiteral @{ LOG_LEVEL = ''debug''; FEATURE_X = ''on'' }'; Remarks = 'kubectl create configmap app-settings --from-literal=LOG_LEVEL=debug --from-literal=FEATURE_X=on' }
        @{ Code = 'New-K8sConfigMap site -FromFile ./site -Force'; Remarks = 'Every file of ./site, replacing the config map if it exists.' }
    )
    Outputs     = 'k8s.Models.V1ConfigMap, the object the server created.'
    Links       = @('Get-K8sConfigMap', 'New-K8sSecret', 'Get-K8sPodEnvironment', 'kubectl create configmap')
}
