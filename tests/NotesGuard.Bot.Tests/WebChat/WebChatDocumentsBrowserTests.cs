using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using NotesGuard.Bot.Tests.Infrastructure;

namespace NotesGuard.Bot.Tests.WebChat;

/// <summary>In a real headless browser: after the card the documents that fit are listed, "Word document" downloads one and "Read it here" shows its text.</summary>
public sealed class WebChatDocumentsBrowserTests : IAsyncLifetime
{
    private RunningBot _bot = null!;
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _bot = await RunningBot.StartAsync(new Dictionary<string, string?> { ["Practice:PracticeName"] = "Riverside Counselling" });
        _chromium = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await _bot.DisposeAsync();
    }

    [Fact]
    public async Task The_documents_that_fit_the_card_are_listed_and_download_as_Word()
    {
        var page = await _chromium.OpenAsync(_bot.BaseAddress);
        foreach (var (number, title) in new[]
        {
            (1, "England or Wales"), (2, "The police"), (3, "No"), (4, "The complainant (the person who reported the offence)"),
            (5, "Yes, in writing"), (6, "Yes, it confirms Chief Inspector clearance"), (7, "Yes, my client has agreed"),
            (8, "No, my client agreed freely"), (9, "Yes, an adult able to decide"), (10, "No"),
        })
        {
            var question = page.Locator(".question").Filter(new LocatorFilterOptions { HasText = $"Question {number} of about" }).Last;
            await question.Locator(".choices button").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(title) + "$") }).First.ClickAsync();
            await question.Locator("button.chosen").WaitForAsync();
        }

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show the guidance", Exact = true }).Last.ClickAsync();
        var documents = page.Locator(".documents").Last;
        await documents.WaitForAsync();

        var items = await documents.Locator(".document h3").AllInnerTextsAsync();
        Assert.Equal(5, items.Count);
        Assert.StartsWith("Reply: offering a report agreed with my client instead of the notes", items[0], StringComparison.Ordinal);
        Assert.Contains(items, i => i.StartsWith("Consent to share information from counselling", StringComparison.Ordinal));
        await documents.ScreenshotAsync(new LocatorScreenshotOptions { Path = HeadlessChromium.ScreenshotPath("webchat-6-documents.png") });

        var download = await page.RunAndWaitForDownloadAsync(() => documents.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Word document" }).First.ClickAsync());
        Assert.Equal("notesguard-reply-offer-agreed-report.docx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"download-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(path);
        try
        {
            using var document = WordprocessingDocument.Open(path, isEditable: false);
            Assert.Contains("Riverside Counselling", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        // "Read it here" shows the reply's whole text in the chat, its line breaks kept.
        await documents.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Read it here" }).First.ClickAsync();
        var shown = page.Locator(".text-reply").Filter(new LocatorFilterOptions { HasText = "Reply: offering a report agreed with my client" }).Last;
        await shown.WaitForAsync();
        Assert.Contains("Riverside Counselling", await shown.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("pre-wrap", await shown.Locator("p").EvaluateAsync<string>("p => getComputedStyle(p).whiteSpace"));
    }
}
