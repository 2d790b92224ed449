using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace NotesGuard.Tests.Shared;

/// <summary>
/// Starts an app that listens on one loopback port the OS picks (127.0.0.1:0) and answers the address
/// Kestrel actually bound, so tests, fakes and benchmarks never fight over a fixed port.
/// </summary>
internal static class LoopbackAddress
{
    public static async Task<Uri> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();

        // A wildcard binding reports [::]; clients must dial the loopback address itself.
        return new Uri(address.Replace("[::]", IPAddress.Loopback.ToString(), StringComparison.Ordinal));
    }
}
