using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NotesGuard.Conversations.Engine;

/// <summary>
/// Puts a wrapper in front of whatever <see cref="ITurnHandler"/> is registered (the engine, the engine inside other
/// wrappers, or a test's double), so features that add replies or commands (practice commands, document offers)
/// stack without knowing about each other.
/// </summary>
public static class TurnHandlerDecoration
{
    /// <summary>False when no turn handler is registered yet (nothing to wrap).</summary>
    public static bool DecorateTurnHandler(this IServiceCollection services, Func<IServiceProvider, ITurnHandler, ITurnHandler> wrap)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(wrap);
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(ITurnHandler));
        if (inner is null)
        {
            return false;
        }

        services.Replace(ServiceDescriptor.Singleton<ITurnHandler>(sp => wrap(sp, Resolve(sp, inner))));
        return true;
    }

    private static ITurnHandler Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as ITurnHandler
        ?? (descriptor.ImplementationFactory is { } factory
            ? (ITurnHandler)factory(services)
            : (ITurnHandler)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
