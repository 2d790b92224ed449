using Microsoft.Playwright;

namespace NotesGuard.Bot.Tests.WebChat;

/// <summary>
/// Debian's chromium, headless, driven by Playwright. scripts/test-deps installs it; when it is missing the
/// tests fail (they never skip, and never download a browser).
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        Assert.True(
            File.Exists(ExecutablePath),
            $"{ExecutablePath} is missing: run scripts/test (its test-deps step installs Debian's chromium) or `apt-get install -y chromium`.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run",
            ],
        });
        return new HeadlessChromium(playwright, browser);
    }

    public async Task<IPage> OpenAsync(Uri address)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 820, Height = 1000 } });
        await page.GotoAsync(address.ToString());
        return page;
    }

    /// <summary>artifacts/screenshots at the repository root, kept as test output.</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NotesGuard.Bot.sln")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
