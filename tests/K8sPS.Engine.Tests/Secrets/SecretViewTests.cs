using System.Reflection;
using System.Text;
using System.Text.Json;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Generators;
using K8sPS.Engine.Secrets;

namespace K8sPS.Engine.Tests.Secrets;

/// <summary>What may be shown of a Secret: names and sizes; values only by an explicit call.</summary>
public class SecretViewTests
{
    private const string Password = "pa55-Wörd!";

    private static V1Secret Sample() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "db",
            NamespaceProperty = "shop",
            Labels = new Dictionary<string, string> { ["app"] = "db" },
            Annotations = new Dictionary<string, string>
            {
                ["kubectl.kubernetes.io/last-applied-configuration"] = "{\"data\":{\"password\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)) + "\"}}",
            },
        },
        Data = new Dictionary<string, byte[]> { ["username"] = "admin"u8.ToArray(), ["password"] = Encoding.UTF8.GetBytes(Password) },
    };

    [Fact]
    public void The_view_lists_keys_and_sizes_type_and_count()
    {
        var view = SecretView.From(Sample());
        Assert.Equal("db", view.Name);
        Assert.Equal("shop", view.Namespace);
        Assert.Equal("Opaque", view.Type); // the server's default when the object does not say
        Assert.Equal(2, view.Data);
        Assert.Equal([new SecretKeyInfo("password", Encoding.UTF8.GetByteCount(Password)), new SecretKeyInfo("username", 5)], view.Keys);
        Assert.Equal("Secret shop/db (Opaque): 2 keys: password (11 bytes), username (5 bytes)", view.ToString());
    }

    [Fact]
    public void Formatting_or_serializing_the_view_cannot_reach_a_value()
    {
        var view = SecretView.From(Sample());
        var forbidden = new[] { Password, Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)), "admin" };
        var shown = new[]
        {
            view.ToString(),
            JsonSerializer.Serialize(view),
            JsonSerializer.Serialize(view, new JsonSerializerOptions { IncludeFields = true }),
            string.Join("|", view.Keys.Select(k => k.ToString())),
        };
        foreach (var text in shown)
            foreach (var value in forbidden)
                Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        // Not even a private field holds one: walk every field and property of the view's object graph.
        foreach (var value in Reachable(view))
            Assert.DoesNotContain(value, forbidden);
    }

    [Fact]
    public void Values_come_only_from_an_explicit_call_returning_a_copy()
    {
        var secret = Sample();
        var value = SecretValues.Read(secret, "password");
        Assert.Equal(Encoding.UTF8.GetBytes(Password), value);
        value[0] = 0;
        Assert.Equal(Encoding.UTF8.GetBytes(Password), secret.Data["password"]);
    }

    [Fact]
    public void A_missing_key_is_reported_as_the_kubelet_words_it_with_the_keys_there_are()
    {
        var error = Assert.Throws<K8sException>(() => SecretValues.Read(Sample(), "token")).Error;
        Assert.Equal("couldn't find key token in Secret shop/db", error.Message);
        Assert.Contains("password, username", error.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void String_data_counts_and_wins_over_data()
    {
        var secret = Sample();
        secret.StringData = new Dictionary<string, string> { ["password"] = "new" };
        Assert.Equal(3, SecretView.From(secret).Keys.Single(k => k.Key == "password").Size);
        Assert.Equal("new"u8.ToArray(), SecretValues.Read(secret, "password"));
    }

    [Fact]
    public void Sources_and_credentials_show_no_value()
    {
        Assert.Equal("password (11 bytes)", LiteralSource.FromText("password", Password).ToString());
        var credentials = new DockerRegistryCredentials("robot", Encoding.UTF8.GetBytes(Password), "registry.test");
        Assert.DoesNotContain(Password, credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, JsonSerializer.Serialize(credentials), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, JsonSerializer.Serialize(LiteralSource.FromText("p", Password)), StringComparison.Ordinal);
    }

    /// <summary>Every string (and bytes read as UTF-8) reachable from <paramref name="root"/> through fields, public or not.</summary>
    private static List<string> Reachable(object root)
    {
        var found = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        void Walk(object? o)
        {
            if (o is null || !seen.Add(o)) return;
            switch (o)
            {
                case string s: found.Add(s); return;
                case byte[] b: found.Add(Encoding.UTF8.GetString(b)); return;
                case System.Collections.IEnumerable items:
                    foreach (var item in items) Walk(item);
                    break;
            }
            if (o.GetType().IsPrimitive || o is DateTime) return;
            for (var t = o.GetType(); t is not null && t != typeof(object); t = t.BaseType)
                foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    Walk(f.GetValue(o));
        }
        Walk(root);
        return found;
    }
}
