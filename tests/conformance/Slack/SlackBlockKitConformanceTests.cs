using System.Text.Json.Nodes;
using NotesGuard.Conformance.Tests.Infrastructure;

namespace NotesGuard.Conformance.Tests.Slack;

/// <summary>Every payload NotesGuard can send to Slack, through @slack/types and the Block Kit limits (check-block-kit).</summary>
public sealed class SlackBlockKitConformanceTests
{
    [Fact]
    public async Task Every_payload_the_bot_produces_passes_check_block_kit()
    {
        var payloads = await SlackPayloadCatalogue.BuildAsync();
        var dir = Directory.CreateTempSubdirectory("notesguard-block-kit-").FullName;
        var files = new List<string>();
        foreach (var (name, payload) in payloads)
        {
            var path = Path.Combine(dir, name + ".json");
            await File.WriteAllTextAsync(path, payload.ToJsonString());
            files.Add(path);
        }

        var (exitCode, output) = PeerTools.Run("check-block-kit", [.. files]);

        Assert.True(exitCode == 0, output);
        foreach (var file in files)
        {
            Assert.Contains($"{file}: OK", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_catalogue_covers_every_kind_of_reply_and_every_outcome()
    {
        var names = (await SlackPayloadCatalogue.BuildAsync()).Select(p => p.Name).ToList();

        foreach (var kind in new[] { "QuestionReply", "AnsweredQuestionReply", "ReviewReply", "review-modal", "GuidanceCardReply", "TextReply", "app-home" })
        {
            Assert.Contains(names, n => n.Contains(kind, StringComparison.Ordinal));
        }

        foreach (var outcome in NotesGuard.Guidance.AdviceContract.Outcomes)
        {
            Assert.Contains(names, n => n.StartsWith(outcome, StringComparison.Ordinal) && n.Contains("GuidanceCardReply", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Block_and_action_ids_are_unique_within_every_payload()
    {
        foreach (var (name, payload) in await SlackPayloadCatalogue.BuildAsync())
        {
            var blocks = (payload["blocks"] ?? payload["view"]?["blocks"])!.AsArray();
            var blockIds = blocks.Select(b => b!["block_id"]?.GetValue<string>()).ToList();
            Assert.True(blockIds.All(id => id is not null) && blockIds.Distinct().Count() == blockIds.Count, $"{name}: block ids {string.Join(",", blockIds)}");
            var actionIds = blocks.SelectMany(ActionIds).ToList();
            Assert.True(actionIds.Distinct().Count() == actionIds.Count, $"{name}: action ids {string.Join(",", actionIds)}");
        }
    }

    [Fact]
    public async Task No_payload_lets_a_name_or_setting_become_a_mention()
    {
        // The catalogue's practice and user names contain <!channel> and <!here>. Slack parses the top-level text
        // and mrkdwn text objects (plain_text is shown as typed), so those must hold them escaped.
        foreach (var (name, payload) in await SlackPayloadCatalogue.BuildAsync())
        {
            foreach (var text in ParsedTexts(payload))
            {
                Assert.False(text.Contains("<!", StringComparison.Ordinal) || text.Contains("<@", StringComparison.Ordinal), $"{name} has a live mention in: {text}");
            }
        }
    }

    private static IEnumerable<string> ParsedTexts(JsonNode? node, bool topLevel = true)
    {
        if (node is JsonObject obj)
        {
            if (topLevel && obj["text"] is JsonValue fallback)
            {
                yield return fallback.GetValue<string>();
            }

            if (obj["type"]?.GetValue<string>() == "mrkdwn" && obj["text"] is JsonValue mrkdwn)
            {
                yield return mrkdwn.GetValue<string>();
            }

            foreach (var (_, child) in obj)
            {
                foreach (var text in ParsedTexts(child, topLevel: false))
                {
                    yield return text;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var text in array.SelectMany(child => ParsedTexts(child, topLevel: false)))
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<string> ActionIds(JsonNode? block)
    {
        if (block?["elements"] is JsonArray elements)
        {
            foreach (var element in elements)
            {
                if (element?["action_id"]?.GetValue<string>() is { } id)
                {
                    yield return id;
                }
            }
        }

        if (block?["accessory"]?["action_id"]?.GetValue<string>() is { } accessory)
        {
            yield return accessory;
        }
    }
}
