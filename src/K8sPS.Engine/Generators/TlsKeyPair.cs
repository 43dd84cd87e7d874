using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Generators;

/// <summary>
/// The check kubectl makes before it creates a TLS secret (Go's tls.X509KeyPair): the certificate input holds
/// a CERTIFICATE PEM block, the key input a "... PRIVATE KEY" block (PKCS#1, PKCS#8 or SEC 1), and the key is
/// the certificate's (RSA: same modulus; ECDSA: same curve point; Ed25519: same public key). Messages start with
/// Go's words and say which file is wrong and how.
/// </summary>
internal static partial class TlsKeyPair
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string Ed25519Oid = "1.3.101.112";

    public static void Check(byte[] certificatePem, byte[] keyPem, string certificateFile, string keyFile, string secretName)
    {
        var certBlocks = PemBlocks(certificatePem);
        var certBlock = certBlocks.FirstOrDefault(b => b.Label == "CERTIFICATE");
        if (certBlock is null)
        {
            var skipped = certBlocks.Select(b => b.Label).ToList();
            if (skipped.Count == 0)
                throw Fail(secretName, $"tls: failed to find any PEM data in certificate input: {certificateFile} is not a PEM file (no -----BEGIN CERTIFICATE----- line)",
                    "Give the certificate in PEM form (openssl x509 -in cert.der -inform der -out cert.pem converts a DER file).");
            if (skipped.Count == 1 && skipped[0].EndsWith("PRIVATE KEY", StringComparison.Ordinal))
                throw Fail(secretName, $"tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched: {certificateFile} holds a private key",
                    "Swap the two files: the certificate first, the key second.");
            throw Fail(secretName, $"tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the following types: [{string.Join(" ", skipped)}] (in {certificateFile})",
                "Give the file that holds the certificate (-----BEGIN CERTIFICATE-----).");
        }

        var keyBlocks = PemBlocks(keyPem);
        var keyBlock = keyBlocks.FirstOrDefault(b => b.Label == "PRIVATE KEY" || b.Label.EndsWith(" PRIVATE KEY", StringComparison.Ordinal));
        if (keyBlock is null)
        {
            var skipped = keyBlocks.Select(b => b.Label).ToList();
            if (skipped.Count == 0)
                throw Fail(secretName, $"tls: failed to find any PEM data in key input: {keyFile} is not a PEM file (no -----BEGIN PRIVATE KEY----- line)",
                    "Give the private key in PEM form.");
            if (skipped.Count == 1 && skipped[0] == "CERTIFICATE")
                throw Fail(secretName, $"tls: found a certificate rather than a key in the PEM for the private key: {keyFile} holds a certificate",
                    "Give the private key file as the key (the two may have been swapped).");
            throw Fail(secretName, $"tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM blocks of the following types: [{string.Join(" ", skipped)}] (in {keyFile})",
                "Give the file that holds the private key.");
        }
        if (keyBlock.Label == "ENCRYPTED PRIVATE KEY" || keyBlock.Encrypted)
            throw Fail(secretName, $"tls: failed to parse private key: the key in {keyFile} is encrypted with a passphrase, which Kubernetes cannot use",
                "Decrypt it first (openssl pkey -in encrypted.key -out plain.key) and give the decrypted key.");
        if (certBlock.Der is null || keyBlock.Der is null)
            throw Fail(secretName, $"tls: failed to parse {(certBlock.Der is null ? "certificate" : "private key")}: the PEM block in {(certBlock.Der is null ? certificateFile : keyFile)} is not valid base64",
                "Check that the file was not altered (line breaks, missing characters).");

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(certBlock.Der);
        }
        catch (CryptographicException e)
        {
            throw Fail(secretName, $"tls: failed to parse certificate: {certificateFile}: {e.Message}", "Give a valid X.509 certificate.");
        }
        using (certificate)
        {
            var key = ParsePrivateKey(keyBlock.Der)
                ?? throw Fail(secretName, $"tls: failed to parse private key: {keyFile} holds a \"{keyBlock.Label}\" block that is not an RSA, ECDSA or Ed25519 private key (PKCS #1, PKCS #8 or SEC 1)",
                    "Give the certificate's private key in PEM form.");
            var subject = certificate.Subject.Length > 0 ? certificate.Subject : "(no subject)";
            var certAlgorithm = certificate.PublicKey.Oid.Value;
            if (certAlgorithm is not (RsaOid or EcOid or Ed25519Oid))
                throw Fail(secretName, $"tls: unknown public key algorithm: the certificate in {certificateFile} has a {certificate.PublicKey.Oid.FriendlyName ?? certAlgorithm} key",
                    "Use a certificate with an RSA, ECDSA or Ed25519 key.");
            if (certAlgorithm != key.Algorithm)
                throw Fail(secretName, $"tls: private key type does not match public key type: {keyFile} holds {Describe(key.Algorithm)} key, the certificate {subject} in {certificateFile} {Describe(certAlgorithm)} key",
                    "Give the private key that belongs to this certificate.");
            if (!Matches(certificate, key))
                throw Fail(secretName, $"tls: private key does not match public key: the key in {keyFile} is not the key of the certificate {subject} in {certificateFile}",
                    "Give the private key that belongs to this certificate (openssl x509 -noout -pubkey and openssl pkey -pubout show both public keys).");
        }
    }

    private static string Describe(string? oid) => oid switch
    {
        RsaOid => "an RSA",
        EcOid => "an ECDSA",
        Ed25519Oid => "an Ed25519",
        _ => "an unknown",
    };

    private static K8sException Fail(string secretName, string message, string action)
        => new(new K8sError("InvalidTlsKeyPair", K8sErrorCategory.InvalidArgument, message) { Kind = "Secret", Name = secretName, RecommendedAction = action });

    private sealed record PemBlock(string Label, byte[]? Der, bool Encrypted);

    /// <summary>The PEM blocks in order, as Go's pem.Decode finds them (headers allowed; bad base64 leaves Der null).</summary>
    private static List<PemBlock> PemBlocks(byte[] input)
    {
        var text = Encoding.Latin1.GetString(input);
        var blocks = new List<PemBlock>();
        foreach (Match m in PemPattern().Matches(text))
        {
            var body = m.Groups["body"].Value.ReplaceLineEndings("\n").Split('\n');
            var encrypted = body.Any(l => l.StartsWith("Proc-Type:", StringComparison.Ordinal) && l.Contains("ENCRYPTED", StringComparison.Ordinal));
            var base64 = string.Concat(body.Where(l => !l.Contains(':', StringComparison.Ordinal)).Select(l => l.Trim()));
            byte[]? der;
            try { der = Convert.FromBase64String(base64); }
            catch (FormatException) { der = null; }
            blocks.Add(new PemBlock(m.Groups["label"].Value, der, encrypted));
        }
        return blocks;
    }

    [GeneratedRegex(@"-----BEGIN (?<label>[^\r\n-]*(?:-[^\r\n-]+)*)-----(?<body>.*?)-----END \k<label>-----", RegexOptions.Singleline)]
    private static partial Regex PemPattern();

    private sealed record PrivateKey(string Algorithm, RSAParameters? Rsa = null, ECParameters? Ec = null, byte[]? Ed25519Public = null);

    /// <summary>Go's order: PKCS #1, then PKCS #8, then SEC 1 (EC PRIVATE KEY), whatever the block's label says.</summary>
    private static PrivateKey? ParsePrivateKey(byte[] der)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportRSAPrivateKey(der, out _);
            return new PrivateKey(RsaOid, Rsa: rsa.ExportParameters(false));
        }
        catch (CryptographicException) { }

        if (Pkcs8Algorithm(der) is { } algorithm)
        {
            try
            {
                switch (algorithm.Oid)
                {
                    case RsaOid:
                        using (var rsa = RSA.Create())
                        {
                            rsa.ImportPkcs8PrivateKey(der, out _);
                            return new PrivateKey(RsaOid, Rsa: rsa.ExportParameters(false));
                        }
                    case EcOid:
                        using (var ec = ECDsa.Create())
                        {
                            ec.ImportPkcs8PrivateKey(der, out _);
                            return new PrivateKey(EcOid, Ec: ec.ExportParameters(false));
                        }
                    case Ed25519Oid when algorithm.Seed is { Length: 32 } seed:
                        return new PrivateKey(Ed25519Oid, Ed25519Public: Ed25519.PublicKeyFromSeed(seed));
                    default:
                        return null;
                }
            }
            catch (CryptographicException) { return null; }
        }

        try
        {
            using var ec = ECDsa.Create();
            ec.ImportECPrivateKey(der, out _);
            return new PrivateKey(EcOid, Ec: ec.ExportParameters(false));
        }
        catch (CryptographicException) { return null; }
    }

    /// <summary>The algorithm of a PKCS #8 PrivateKeyInfo, and for Ed25519 the 32-byte seed; null when it is not one.</summary>
    private static (string Oid, byte[]? Seed)? Pkcs8Algorithm(byte[] der)
    {
        try
        {
            var info = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            info.ReadInteger();
            var algorithm = info.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            byte[]? seed = null;
            if (oid == Ed25519Oid)
            {
                var inner = info.ReadOctetString();
                seed = new AsnReader(inner, AsnEncodingRules.DER).ReadOctetString();
            }
            return (oid, seed);
        }
        catch (AsnContentException) { return null; }
    }

    private static bool Matches(X509Certificate2 certificate, PrivateKey key)
    {
        switch (key.Algorithm)
        {
            case RsaOid:
                using (var rsa = certificate.GetRSAPublicKey())
                    return rsa is not null && rsa.ExportParameters(false).Modulus.AsSpan().SequenceEqual(key.Rsa!.Value.Modulus);
            case EcOid:
                using (var ec = certificate.GetECDsaPublicKey())
                {
                    if (ec is null) return false;
                    var pub = ec.ExportParameters(false);
                    var priv = key.Ec!.Value;
                    return pub.Q.X.AsSpan().SequenceEqual(priv.Q.X) && pub.Q.Y.AsSpan().SequenceEqual(priv.Q.Y)
                        && pub.Curve.Oid?.Value == priv.Curve.Oid?.Value;
                }
            case Ed25519Oid:
                return certificate.PublicKey.EncodedKeyValue.RawData.AsSpan().SequenceEqual(key.Ed25519Public);
            default:
                return false;
        }
    }

    /// <summary>Ed25519's public key from a private key seed (RFC 8032 5.1.5), which .NET does not offer.</summary>
    private static class Ed25519
    {
        private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
        private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
        private static readonly BigInteger BaseX = BigInteger.Parse("15112221349535400772501151409588531511454012693041857206046113283949847762202", System.Globalization.CultureInfo.InvariantCulture);
        private static readonly BigInteger BaseY = BigInteger.Parse("46316835694926478169428394003475163141307993866256225615783033603165251855960", System.Globalization.CultureInfo.InvariantCulture);

        public static byte[] PublicKeyFromSeed(byte[] seed)
        {
            var h = SHA512.HashData(seed);
            h[0] &= 248;
            h[31] &= 127;
            h[31] |= 64;
            var scalar = new BigInteger(h.AsSpan(0, 32), isUnsigned: true, isBigEndian: false);
            var (x, y) = Multiply(scalar, (BaseX, BaseY));
            var encoded = new byte[32];
            y.TryWriteBytes(encoded, out _, isUnsigned: true, isBigEndian: false);
            if (!x.IsEven) encoded[31] |= 0x80;
            return encoded;
        }

        private static (BigInteger X, BigInteger Y) Multiply(BigInteger scalar, (BigInteger X, BigInteger Y) point)
        {
            (BigInteger X, BigInteger Y) result = (0, 1);
            for (; scalar > 0; scalar >>= 1)
            {
                if (!scalar.IsEven) result = Add(result, point);
                point = Add(point, point);
            }
            return result;
        }

        // The twisted Edwards addition law with a = -1; complete, so doubling needs no special case.
        private static (BigInteger X, BigInteger Y) Add((BigInteger X, BigInteger Y) p, (BigInteger X, BigInteger Y) q)
        {
            var t = Mod(D * p.X * q.X * p.Y * q.Y);
            var x = Mod((p.X * q.Y + q.X * p.Y) * Inverse(Mod(1 + t)));
            var y = Mod((p.Y * q.Y + p.X * q.X) * Inverse(Mod(1 - t)));
            return (x, y);
        }

        private static BigInteger Mod(BigInteger v) => ((v % P) + P) % P;

        private static BigInteger Inverse(BigInteger v) => BigInteger.ModPow(Mod(v), P - 2, P);
    }
}
