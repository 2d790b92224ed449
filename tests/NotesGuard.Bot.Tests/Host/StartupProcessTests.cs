using System.Diagnostics;

namespace NotesGuard.Bot.Tests.Host;

/// <summary>
/// The real app process, as an operator starts it: a setting it cannot use ends the process with exit code 1
/// and one line on stderr naming the key — no unhandled exception, no stack trace, no abort signal (134).
/// </summary>
public sealed class StartupProcessTests
{
    private const string AppId = "7c9f1c3e-2b7e-4a51-9a8e-3f1f0d6a2b11";

    public static TheoryData<string, Dictionary<string, string>, string> BadSettings => new()
    {
        // Teams: each of these used to start and then fail every Teams request (MSAL builds lazily).
        { "Teams:TokenAuthority", Teams(("TokenAuthority", "http://localhost:8080/")), "Teams:TokenAuthority" },
        { "Teams:TokenAuthority path", Teams(("TokenAuthority", "https://login.microsoftonline.com/common/")), "Teams:TokenAuthority" },
        { "Teams:OAuthScope", Teams(("OAuthScope", "api.botframework.com")), "Teams:OAuthScope" },
        { "Teams:TenantId", Teams(("AppType", "SingleTenant"), ("TenantId", "contoso/../x")), "Teams:TenantId" },
        { "Teams:AllowedServiceUrls http", Teams(("AllowedServiceUrls__0", "http://smba.trafficmanager.net")), "Teams:AllowedServiceUrls:0" },
        { "Teams:AllowedServiceUrls wildcard", Teams(("AllowedServiceUrls__0", "https://*.net")), "Teams:AllowedServiceUrls:0" },
        { "Teams:AllowedCallers", Teams(("AllowedCallers__0", "*")), "Teams:AllowedCallers:0" },
        { "Teams:ChannelTokenIssuer", Teams(("ChannelTokenIssuer", "api.botframework.us")), "Teams:ChannelTokenIssuer" },
        { "Teams:RetryBaseDelay", Teams(("RetryBaseDelay", "-00:00:01")), "Teams:RetryBaseDelay" },
        { "Teams:ConversationReferenceLifetime", Teams(("ConversationReferenceLifetime", "00:00:00")), "Teams:ConversationReferenceLifetime" },
        { "Teams:CertificatePath not a PFX", Teams(("ClientSecret", ""), ("CertificatePath", "/etc/hostname")), "Teams:CertificatePath" },
        { "Teams:AppType not a type", Teams(("AppType", "Sometimes")), "Teams:AppType" },
        { "Teams:AppId", new() { ["Teams__Enabled"] = "true" }, "Teams:AppId" },
        { "Storage:TimeToLive", new() { ["Storage__TimeToLive"] = "banana" }, "Storage:TimeToLive" },
        { "WebChat:Enabled", new() { ["WebChat__Enabled"] = "maybe" }, "WebChat:Enabled" },
        { "Practice:RulebookPath not a rulebook", new() { ["Practice__RulebookPath"] = "/etc/hostname" }, "/etc/hostname" },
        { "Practice:Admins a bare Slack id", new() { ["Practice__Admins__0"] = "U0ADMIN" }, "Practice:Admins:0" },
        { "Practice:Admins a Teams name", new() { ["Practice__Admins__0"] = "slack:T0PRACTICE:U0ADMIN", ["Practice__Admins__1"] = "msteams:alex@example.org" }, "Practice:Admins:1" },
        { "Practice:BroadcastApiKeyHash the key itself", new() { ["Practice__BroadcastApiKeyHash"] = "my-secret-key" }, "Practice:BroadcastApiKeyHash" },
        { "Practice:BroadcastApiKeyHash of an empty key", new() { ["Practice__BroadcastApiKeyHash"] = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" }, "Practice:BroadcastApiKeyHash is the hash of an empty key" },
        { "Practice:AuditRetention", new() { ["Practice__AuditRetention"] = "00:30:00" }, "Practice:AuditRetention" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_ends_the_process_with_one_line_naming_the_key(string what, Dictionary<string, string> settings, string key)
    {
        var (exitCode, stdout, stderr) = await RunAppAsync(settings);

        Assert.True(exitCode == 1, $"{what}: exit code {exitCode}\nstderr: {stderr}\nstdout: {stdout}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("NotesGuard did not start: ", line, StringComparison.Ordinal);
        Assert.Contains(key, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_line_never_shows_the_client_secret()
    {
        var (exitCode, stdout, stderr) = await RunAppAsync(Teams(("ClientSecret", "s3cret-value-42"), ("TokenAuthority", "http://login.example.test/")));

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("s3cret-value-42", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broadcast_key_pasted_where_its_hash_belongs_is_not_echoed()
    {
        var (exitCode, stdout, stderr) = await RunAppAsync(new() { ["Practice__BroadcastApiKeyHash"] = "pasted-broadcast-key-77" });

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("pasted-broadcast-key-77", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Good_settings_start_the_process_and_it_stops_cleanly_on_SIGTERM()
    {
        var port = FreePort();
        var start = StartInfo(Teams(), $"http://127.0.0.1:{port}");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            Assert.Equal("Healthy", await WaitForHealthAsync(client, process));

            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            Directory.Delete(start.Environment["Storage__DataFolder"]!, recursive: true);
        }

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}\nstderr: {await stderr}\nstdout: {await stdout}");
        Assert.Empty((await stderr).Trim());
    }

    private static async Task<string> WaitForHealthAsync(HttpClient client, Process process)
    {
        for (var i = 0; i < 300 && !process.HasExited; i++)
        {
            try
            {
                return await client.GetStringAsync("/healthz");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("the app did not answer /healthz");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A Teams deployment in Production: App ID and secret set, plus the given Teams__ settings.</summary>
    private static Dictionary<string, string> Teams(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string>
        {
            ["Teams__Enabled"] = "true",
            ["Teams__AppId"] = AppId,
            ["Teams__ClientSecret"] = "not-a-real-secret",
        };
        foreach (var (key, value) in settings)
        {
            all[$"Teams__{key}"] = value;
        }

        return all;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAppAsync(Dictionary<string, string> settings)
    {
        var start = StartInfo(settings, "http://127.0.0.1:0");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the app kept running; stdout: {await stdout}");
        }
        finally
        {
            Directory.Delete(start.Environment["Storage__DataFolder"]!, recursive: true);
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static ProcessStartInfo StartInfo(Dictionary<string, string> settings, string urls)
    {
        // The app's own build output is copied next to the tests (a project reference); run it from there.
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "NotesGuard.Bot.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(urls);

        // Nothing from the developer's environment: only what the row sets.
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataFolder"] = Directory.CreateTempSubdirectory("notesguard-startup-").FullName;
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
