using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Guidance;

namespace NotesGuard.Bot.Tests.WebChat;

/// <summary>The local web chat in a real headless browser: clicking, typing and keyboard only.</summary>
public sealed class WebChatBrowserTests : IAsyncLifetime
{
    private RunningBot _bot = null!;
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync()
    {
        // 01632 960xxx is Ofcom's range reserved for drama: a number that can never reach anyone.
        _bot = await RunningBot.StartAsync(new Dictionary<string, string?>
        {
            ["Practice:PracticeName"] = "Riverside Counselling",
            ["Practice:SupervisorContact"] = "Dr Example, via the practice office",
            ["Practice:InsurerHelplines:0:Name"] = "Example Insurer legal helpline",
            ["Practice:InsurerHelplines:0:Phone"] = "01632 960 001",
            ["Practice:InsurerHelplines:0:Hours"] = "Mon-Fri 9:00-17:00",
            ["Practice:InsurerHelplines:0:PolicyNumberHint"] = "on your insurance schedule",
            // Written the international way, with the trunk 0 in brackets, which is not dialled after +44.
            ["Practice:InsurerHelplines:1:Name"] = "Example Insurer out of hours",
            ["Practice:InsurerHelplines:1:Phone"] = "+44 (0)1632 960 002",
        });
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
    public async Task Clicking_through_a_walkthrough_ends_with_a_readable_guidance_card()
    {
        var page = await _chromium.OpenAsync(_bot.BaseAddress);

        await ExpectQuestion(page, "Is your practice in England or Wales?");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = HeadlessChromium.ScreenshotPath("webchat-1-first-question.png") });
        await Answer(page, 1, "England or Wales");
        await Answer(page, 2, "The police");
        await Answer(page, 3, "No");
        await Answer(page, 4, "The complainant (the person who reported the offence)");
        await Answer(page, 5, "Yes, in writing");
        await Answer(page, 6, "Yes, it confirms Chief Inspector clearance");
        await Answer(page, 7, "Yes, my client has agreed");
        await Answer(page, 8, "No, my client agreed freely");
        await Answer(page, 9, choiceIndex: 0);
        await Answer(page, 10, "No");

        var review = page.Locator(".review-card").Last;
        await review.WaitForAsync();
        Assert.Equal(10, await review.Locator(".review li").CountAsync());
        await UnstickComposer(page);
        await review.ScreenshotAsync(new LocatorScreenshotOptions { Path = HeadlessChromium.ScreenshotPath("webchat-2-review.png") });
        await Click(page, "Show the guidance");

        var card = page.Locator(".guidance").Last;
        await card.WaitForAsync();
        var rulebook = ((Advisor)_bot.Services.GetRequiredService<IAdvisor>()).Rulebook;
        Assert.Equal(rulebook.HandOverNotesLabels["minimum-with-consent"], await card.Locator(".verdict").InnerTextAsync());
        Assert.True(await card.Locator("ol li").CountAsync() >= 4);

        // "Do now" is the first heading after the verdict, with the first three steps; the rest follow under "Then".
        Assert.Equal(["Do now", "Then"], (await card.Locator("h3").AllInnerTextsAsync()).Take(2));
        Assert.Equal(3, await card.Locator("ol.do-now li").CountAsync());
        Assert.Contains(await card.Locator("ol.do-now li").AllInnerTextsAsync(), t => t.Contains("legal helpline", StringComparison.Ordinal));
        Assert.Equal("4", await card.Locator("ol.then").GetAttributeAsync("start"));

        // Sources once, collapsed, each naming the steps that cite it; never after every step.
        Assert.Equal(0, await card.Locator("ol li .sources").CountAsync());
        Assert.Equal("Sources", await card.Locator("details summary").InnerTextAsync());
        Assert.False(await card.Locator("details ul.sources").IsVisibleAsync());
        Assert.Contains(await card.Locator("details .detail").AllTextContentsAsync(), t => t.EndsWith(')') && t.Contains(" (step ", StringComparison.Ordinal));
        var cardText = await card.InnerTextAsync();
        Assert.Contains($"Rulebook {rulebook.Version}", cardText, StringComparison.Ordinal);
        Assert.Contains("policy number: ", cardText, StringComparison.Ordinal);
        Assert.Contains("Riverside Counselling", cardText, StringComparison.Ordinal);
        Assert.Contains("Dr Example, via the practice office", cardText, StringComparison.Ordinal);
        Assert.Contains("Example Insurer legal helpline", cardText, StringComparison.Ordinal);
        Assert.DoesNotContain(rulebook.HelplineInstruction, cardText, StringComparison.Ordinal);
        Assert.Equal("tel:01632960001", await card.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "01632 960 001" }).GetAttributeAsync("href"));
        Assert.Equal("tel:+441632960002", await card.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "+44 (0)1632 960 002" }).GetAttributeAsync("href"));
        Assert.Contains("not legal advice", (await card.Locator(".disclaimer").InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal);

        var links = card.Locator("a[href^='https://']");
        Assert.True(await links.CountAsync() >= 2);
        for (var i = 0; i < await links.CountAsync(); i++)
        {
            Assert.Equal("_blank", await links.Nth(i).GetAttributeAsync("target"));
            Assert.Contains("noopener", await links.Nth(i).GetAttributeAsync("rel") ?? "", StringComparison.Ordinal);
        }

        Assert.Contains(await links.AllInnerTextsAsync(), t => t.Length > 0);
        Assert.NotNull(await card.Locator("a[href='https://www.cps.gov.uk/prosecution-guidance/pre-trial-therapy']").First.GetAttributeAsync("href"));
        await card.ScreenshotAsync(new LocatorScreenshotOptions { Path = HeadlessChromium.ScreenshotPath("webchat-3-guidance-card.png") });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = HeadlessChromium.ScreenshotPath("webchat-5-whole-conversation.png"), FullPage = true });

        await Click(page, "Start a new case");
        await ExpectQuestion(page, "Question 1 of about");
    }

    [Fact]
    public async Task The_walkthrough_works_with_the_keyboard_alone_and_focus_follows_the_conversation()
    {
        var page = await _chromium.OpenAsync(_bot.BaseAddress);
        await ExpectQuestion(page, "Is your practice in England or Wales?");
        Assert.Equal("log", await page.Locator("#transcript").GetAttributeAsync("role"));
        Assert.Equal("polite", await page.Locator("#transcript").GetAttributeAsync("aria-live"));

        // The first tab stop is the question's first answer; "why?" follows the answers, as on every surface.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("England or Wales", await FocusedText(page));
        await page.Keyboard.PressAsync("Enter");

        // After an answer, focus moves to the next question's first choice.
        await ExpectQuestion(page, "Question 2 of about");
        Assert.Equal("The police", await FocusedText(page));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("The defence (lawyers for the accused)", await FocusedText(page));
        await page.Keyboard.PressAsync("Space");

        await ExpectQuestion(page, "Question 3 of about");
        var firstChoice = await FocusedText(page);
        Assert.StartsWith("Yes", firstChoice, StringComparison.Ordinal);

        // Typing works too: focus the box, type, Enter.
        await page.FocusAsync("#message");
        await page.Keyboard.TypeAsync("no");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".question").Filter(new LocatorFilterOptions { HasText = "safeguarding" }).WaitForAsync();
        await page.Keyboard.TypeAsync("no");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".review-card").WaitForAsync();

        // From the review, Tab to "Show the guidance" and press Enter.
        await page.Locator(".review-card button").First.FocusAsync();
        for (var i = 0; i < 10 && await FocusedText(page) != "Show the guidance"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("Show the guidance", await FocusedText(page));
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".guidance").WaitForAsync();
        // The guidance card's buttons come after the advice: focus goes to the card itself, so reading starts at the top.
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.classList.contains('guidance')"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = HeadlessChromium.ScreenshotPath("webchat-4-keyboard-focus.png") });
    }

    [Fact]
    public async Task Forget_me_clears_the_earlier_answers_from_the_screen_and_offers_a_new_case()
    {
        var page = await _chromium.OpenAsync(_bot.BaseAddress);
        await Answer(page, 1, "England or Wales");
        await ExpectQuestion(page, "Who is asking for the notes?");
        var idsBefore = await StoredIds(page);

        await page.FillAsync("#message", "forget me");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#transcript").GetByText("deleted everything").WaitForAsync();

        Assert.Equal(0, await page.Locator("#transcript .question").CountAsync());
        Assert.DoesNotContain("England or Wales", await page.Locator("#transcript").InnerTextAsync(), StringComparison.Ordinal);
        // Whoever opens the page next on this browser is not put back into the same conversation.
        Assert.Equal("", await StoredIds(page));
        await Click(page, "Start a new case");
        await ExpectQuestion(page, "Is your practice in England or Wales?");

        // The same browser (its storage), the page opened afresh: new ids, a fresh start.
        await page.ReloadAsync();
        await ExpectQuestion(page, "Is your practice in England or Wales?");
        Assert.NotEqual(idsBefore, await StoredIds(page));
        Assert.NotEqual("", await StoredIds(page));
    }

    [Fact]
    public async Task A_typed_answer_whose_reply_was_lost_comes_back_to_the_box_and_sending_it_again_does_not_answer_the_next_question()
    {
        var page = await _chromium.OpenAsync(_bot.BaseAddress);
        await Answer(page, 1, "England or Wales");
        await ExpectQuestion(page, "Who is asking for the notes?");

        // The next turn reaches NotesGuard, which saves the answer, but its reply never reaches the page.
        var lost = 0;
        await page.RouteAsync("**/chat/turn", async route =>
        {
            if (Interlocked.Increment(ref lost) == 1)
            {
                await using var _ = await route.FetchAsync();
                await route.AbortAsync();
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await page.FillAsync("#message", "police");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".msg.user.unsent").WaitForAsync();
        Assert.Equal("police", await page.InputValueAsync("#message"));

        // Sent again as it is: the same turn, answered as a duplicate, and the page shows where the walkthrough is.
        // ("police" applied again would have answered question 3, which has no such choice, or worse, one that does.)
        await page.Keyboard.PressAsync("Enter");
        await ExpectQuestion(page, "Question 3 of about");

        Assert.Equal(0, await page.Locator(".question").Filter(new LocatorFilterOptions { HasText = "Question 4 of about" }).CountAsync());
        Assert.DoesNotContain("didn't recognise that answer", await page.Locator("#transcript").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_markup_is_shown_as_text_and_never_run()
    {
        var page = await _chromium.OpenAsync(_bot.BaseAddress);
        await ExpectQuestion(page, "Is your practice in England or Wales?");
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await page.FillAsync("#message", "<img src=x onerror=alert(1)><b>bold</b>");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".retry").WaitForAsync();

        Assert.Equal(0, await page.Locator("#transcript img, #transcript b").CountAsync());
        Assert.Contains("<img src=x onerror=alert(1)>", await page.Locator(".msg.user").Last.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, dialogs);
    }

    /// <summary>
    /// The reply box sticks to the bottom of the window; in a picture of one card it would cover the buttons.
    /// (The page's Content-Security-Policy refuses injected style sheets, so this sets the element's style.)
    /// </summary>
    private static async Task UnstickComposer(IPage page) =>
        await page.EvalOnSelectorAsync(".composer", "composer => { composer.style.position = 'static'; }");

    /// <summary>Waits for question <paramref name="number"/>, then clicks one of its choices.</summary>
    private static async Task Answer(IPage page, int number, string? title = null, int choiceIndex = 0)
    {
        var question = page.Locator(".question").Filter(new LocatorFilterOptions { HasText = $"Question {number} of about" }).Last;
        await question.WaitForAsync();
        var choices = question.Locator(".choices button");
        var choice = title is null
            ? choices.Nth(choiceIndex)
            : choices.Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(title) + "$") });
        await choice.ClickAsync();
        await question.Locator("button.chosen").WaitForAsync();
    }

    private static async Task Click(IPage page, string title)
    {
        var button = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = title, Exact = true }).And(page.Locator("button:not(:disabled)")).Last;
        await button.ClickAsync();
    }

    private static Task ExpectQuestion(IPage page, string text) =>
        page.Locator(".question").Filter(new LocatorFilterOptions { HasText = text }).Last.WaitForAsync();

    private static Task<string> StoredIds(IPage page) =>
        page.EvaluateAsync<string>("() => localStorage.getItem('notesguard-webchat') || ''");

    private static Task<string> FocusedText(IPage page) =>
        page.EvaluateAsync<string>("() => (document.activeElement && document.activeElement.textContent || '').trim()");
}
