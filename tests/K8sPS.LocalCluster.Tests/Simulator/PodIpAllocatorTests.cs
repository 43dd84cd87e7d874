using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

public sealed class PodIpAllocatorTests
{
    [Fact]
    public void Hands_out_the_lowest_free_address_after_the_gateway()
    {
        var ips = new PodIpAllocator("10.244.3.0/24");
        Assert.Equal("10.244.3.2", ips.Allocate());
        Assert.Equal("10.244.3.3", ips.Allocate());
        Assert.Equal(253, ips.Capacity);
    }

    [Fact]
    public void A_released_address_is_given_out_again()
    {
        var ips = new PodIpAllocator("10.244.0.0/24");
        var first = ips.Allocate()!;
        ips.Allocate();
        ips.Release(first);
        Assert.False(ips.IsInUse(first));
        Assert.Equal(first, ips.Allocate());
        Assert.True(ips.IsInUse(first));
    }

    [Fact]
    public void Never_hands_out_the_network_gateway_or_broadcast_address_and_says_when_full()
    {
        var ips = new PodIpAllocator("10.0.0.0/29");
        var given = Enumerable.Range(0, 10).Select(_ => ips.Allocate()).TakeWhile(ip => ip is not null).ToList();
        Assert.Equal(new[] { "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6" }, given);
        Assert.Null(ips.Allocate());
    }

    [Fact]
    public void Reserving_an_address_found_on_a_pod_keeps_it_from_others()
    {
        var ips = new PodIpAllocator("10.244.1.0/24");
        Assert.True(ips.Reserve("10.244.1.2"));
        Assert.Equal("10.244.1.3", ips.Allocate());
        Assert.False(ips.Reserve("10.244.2.2"));
    }

    [Theory]
    [InlineData("10.244.0.0")]
    [InlineData("10.244.0.0/31")]
    [InlineData("fd00::/64")]
    [InlineData("not-an-ip/24")]
    public void Rejects_what_is_not_a_usable_IPv4_CIDR(string cidr) =>
        Assert.Throws<ArgumentException>(() => new PodIpAllocator(cidr));

    [Fact]
    public void Concurrent_allocations_never_hand_out_the_same_address_twice()
    {
        var ips = new PodIpAllocator("10.244.0.0/24");
        var given = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 200, _ => given.Add(ips.Allocate()!));
        Assert.Equal(200, given.Distinct().Count());
    }
}
