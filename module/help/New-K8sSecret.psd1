@{
    Synopsis    = 'Creates a Secret as kubectl create secret generic, tls or docker-registry does, and writes a view of it that holds no value.'
    Description = @'
Makes the Secret kubectl 1.32 makes from the same input and creates it:

- generic (the default): -FromFile takes files (the key is the file name), key=path, or folders (one key per regular file); -FromLiteral takes a hashtable whose values are text, SecureString, PSCredential (its password is the value) or bytes; -FromEnvFile takes KEY=value files. kubectl's order is kept (files, literals, env files) and env files cannot be mixed with the rest, as in kubectl. -Type with a full type (kubernetes.io/ssh-auth, example.com/custom) sets the type of a generic secret.
- -Type tls: -Certificate and -PrivateKey are PEM files, checked to be a certificate and a private key that belong together (the key tls.crt and tls.key).
- -Type ssh-auth: -PrivateKey is the SSH private key (the key ssh-privatekey); a public key given by mistake is refused.
- -Type basic-auth: -Credential gives the keys username and password.
- -Type docker-registry: -Credential, -Server (default Docker Hub) and -Email give .dockerconfigjson, byte for byte as kubectl writes it.

Everything is checked before anything is sent, with the server's rules and wording: key names (kubectl's rule: letters, digits, '-', '_' and '.', at most 253 characters, not '.' or '..'), duplicate keys, the 1 MiB limit on all values together, files that cannot be read, and a folder with a subfolder or link (kubectl would leave it out without a word; -SkipSubfolders does the same on purpose). On any problem nothing is created.

Paths are PowerShell paths: relative to the current location, and ~ is your home folder (kubectl's --from-file=key=~/x is not expanded by the shell and fails).

The notes' command (kubernetes-notes.md line 815) `kubectl create secret generic ssl-certificate --from-file=ssh-privatekey=~/.ssh/id_rsa --ssl-cert=ssl-cert=mysslcert.crt` is malformed: kubectl has no --ssl-cert flag ("unknown flag: --ssl-cert"), and ~ after = is not expanded. The correct kubectl form is `kubectl create secret generic ssl-certificate --from-file=ssh-privatekey=$HOME/.ssh/id_rsa --from-file=ssl-cert=mysslcert.crt`; the K8sPS form is `New-K8sSecret ssl-certificate -FromFile ssh-privatekey=~/.ssh/id_rsa, ssl-cert=mysslcert.crt`. For a secret the kubelet and ingress controllers read as TLS, use -Type tls instead.

-Force replaces an existing secret's content as `kubectl create secret ... --dry-run=client -o yaml | kubectl apply -f -` would: the new type and keys, the live object's labels and annotations kept; keys no longer given are removed, and kubectl's last-applied-configuration annotation (which would hold every value in clear text) is dropped rather than rewritten. -WhatIf says what would be created or which keys would be added, changed or removed, with values masked as kubectl diff masks them (***).

What it writes is a K8sPS.Engine.Secrets.SecretView: name, namespace, type, key names and sizes. No property holds a value, so Format-List, ConvertTo-Json and transcripts show none; Get-K8sSecretValue reads values, and ConvertTo-K8sYaml exports the object with its data.
'@
    Parameters  = @{
        Name           = 'The secret''s name.'
        Namespace      = 'The namespace. Default: the context''s namespace.'
        FromFile       = 'Files, key=path, or folders (each regular file a key), as kubectl --from-file. The key defaults to the file name.'
        FromLiteral    = 'A hashtable of keys and values: text, SecureString, PSCredential (its password) or byte[]; as kubectl --from-literal.'
        FromEnvFile    = 'Files of KEY=value lines, as kubectl --from-env-file: # comments and blank lines skipped, a bare KEY takes the environment variable''s value.'
        SkipSubfolders = 'Leaves out a folder''s subfolders and links, as kubectl does silently. Without it they are an error, so nothing is left out unnoticed.'
        Type           = 'generic (default), tls, ssh-auth, basic-auth or docker-registry; or, for a generic secret, any secret type (kubernetes.io/ssh-auth, example.com/custom).'
        Certificate    = 'For -Type tls: the PEM certificate file (the chain may follow the certificate).'
        PrivateKey     = 'For -Type tls: the PEM private key of the certificate. For -Type ssh-auth: the SSH private key file.'
        Credential     = 'For -Type basic-auth and docker-registry: the user name and password.'
        Server         = 'For -Type docker-registry: the registry. Default: https://index.docker.io/v1/ (Docker Hub), as kubectl.'
        Email          = 'For -Type docker-registry: the e-mail address written in .dockerconfigjson.'
        Force          = 'Replaces the content of a secret that exists, as kubectl create --dry-run=client -o yaml | kubectl apply -f - does.'
        Context        = 'The kubeconfig context to use. Default: the current context.'
        WhatIf         = 'Shows what would be created or replaced (keys and sizes, values masked) without changing anything.'
        Confirm        = 'Asks before creating or replacing.'
    }
    Examples    = @(
        @{ Code = "'root' | Set-Content -NoNewline username.txt; 'password' | Set-Content -NoNewline password.txt`nNew-K8sSecret db-secrets -FromFile ./username.txt, ./password.txt"; Remarks = 'kubectl create secret generic db-secrets --from-file=./username.txt --from-file=./password.txt (the notes, line 807): keys username.txt and password.txt.' }
        @{ Code = 'New-K8sSecret db-secrets -FromFile username=./username.txt, password=./password.txt'; Remarks = 'The same files under the keys username and password, as a secret volume names the files.' }
        @{ Code = 'New-K8sSecret ssl-certificate -FromFile ssh-privatekey=~/.ssh/id_rsa, ssl-cert=mysslcert.crt'; Remarks = 'The notes'' line 815, corrected. kubectl: kubectl create secret generic ssl-certificate --from-file=ssh-privatekey=$HOME/.ssh/id_rsa --from-file=ssl-cert=mysslcert.crt' }
        @{ Code = 'New-K8sSecret web-tls -Type tls -Certificate tls.crt -PrivateKey tls.key'; Remarks = 'kubectl create secret tls web-tls --cert=tls.crt --key=tls.key; a key that is not the certificate''s is refused.' }
        @{ Code = 'New-K8sSecret deploy-key -Type ssh-auth -PrivateKey ~/.ssh/id_ed25519'; Remarks = 'kubectl create secret generic deploy-key --type=kubernetes.io/ssh-auth --from-file=ssh-privatekey=$HOME/.ssh/id_ed25519' }
        @{ Code = 'New-K8sSecret wordpress-secrets -FromLiteral @{ ''db-password'' = (Read-Host -AsSecureString ''password'') }'; Remarks = 'A value typed in, never on the command line or in the history.' }
        @{ Code = 'New-K8sSecret regcred -Type docker-registry -Server registry.example.com -Credential (Get-Credential) -Email me@example.com'; Remarks = 'kubectl create secret docker-registry regcred --docker-server=... --docker-username=... --docker-password=... --docker-email=...' }
        @{ Code = 'New-K8sSecret db-secrets -FromFile username=./username.txt, password=./new-password.txt -Force -WhatIf'; Remarks = 'Which keys a replacement would change (values shown as ***).' }
    )
    Outputs     = 'K8sPS.Engine.Secrets.SecretView: name, namespace, type, key names and sizes; never a value.'
    Links       = @('Get-K8sSecret', 'Get-K8sSecretValue', 'New-K8sConfigMap', 'Get-K8sPodEnvironment', 'kubectl create secret')
}
