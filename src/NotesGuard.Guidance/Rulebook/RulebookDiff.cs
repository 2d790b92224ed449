using System.Globalization;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>
/// What changed between two rulebooks, as a reviewer reads it: per outcome the steps added, removed, reworded,
/// moved or made conditional; new and removed outcomes; questions and choices; hand-over wording; the documents; then the
/// changelog entries after the old version up to the new one.
/// </summary>
public static class RulebookDiff
{
    public static IReadOnlyList<string> Describe(RulebookOutline old, RulebookOutline @new)
    {
        var lines = new List<string> { $"Rulebook {old.Version} → {@new.Version}" };
        Section(lines, "Questions", Questions(old, @new));
        Section(lines, "Hand-over wording", Labels(old.HandOverNotes, @new.HandOverNotes));
        Section(lines, "Outcomes", Outcomes(old, @new));
        Section(lines, "Documents", Documents(old, @new));

        var entries = @new.Changelog
            .Where(e => CompareVersions(e.Version, old.Version) > 0 && CompareVersions(e.Version, @new.Version) <= 0)
            .ToList();
        Section(
            lines,
            $"Changelog after {old.Version} up to {@new.Version}",
            entries.Count == 0
                ? ["(no changelog entries between these versions)"]
                : entries.Select(e => $"{e.Version}: {e.Change} [{string.Join(", ", e.Sources)}]"));
        return lines;
    }

    /// <summary>Dotted versions compared part by part, numerically where both parts are numbers ("2026.10" &gt; "2026.2").</summary>
    public static int CompareVersions(string a, string b)
    {
        var left = a.Split('.', '-');
        var right = b.Split('.', '-');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            if (i >= left.Length || i >= right.Length)
            {
                return left.Length.CompareTo(right.Length);
            }

            var order = int.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var l)
                && int.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var r)
                ? l.CompareTo(r)
                : string.CompareOrdinal(left[i], right[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    private static void Section(List<string> lines, string title, IEnumerable<string> items)
    {
        var list = items.ToList();
        lines.Add("");
        lines.Add(title);
        lines.AddRange(list.Count == 0 ? ["  (no changes)"] : list.Select(l => "  " + l));
    }

    /// <summary>The letters section: documents added or removed, retitled, fitting other outcomes, or reworded per section.</summary>
    private static IEnumerable<string> Documents(RulebookOutline old, RulebookOutline @new)
    {
        // As for questions and outcomes: a file may list a document twice; compare the first of each.
        var before = old.Documents.DistinctBy(d => d.Key).ToDictionary(d => d.Key, StringComparer.Ordinal);
        foreach (var document in @new.Documents.DistinctBy(d => d.Key))
        {
            if (!before.Remove(document.Key, out var was))
            {
                yield return $"+ {document.Key} (new document): \"{document.Title}\" for {string.Join(", ", document.Fits)}";
                continue;
            }

            if (was.Title != document.Title)
            {
                yield return $"{document.Key}: title \"{was.Title}\" → \"{document.Title}\"";
            }

            if (!was.Fits.SequenceEqual(document.Fits))
            {
                yield return $"{document.Key}: now fits {string.Join(", ", document.Fits)}";
            }

            var changed = document.Sections.Where(s => !was.Sections.Contains(s)).Select(s => s.Id)
                .Concat(was.Sections.Where(s => document.Sections.All(n => n.Id != s.Id)).Select(s => s.Id))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (changed.Count > 0)
            {
                yield return $"{document.Key}: sections changed: {string.Join(", ", changed)}";
            }
        }

        foreach (var key in before.Keys)
        {
            yield return $"- {key} (document removed)";
        }
    }

    private static IEnumerable<string> Questions(RulebookOutline old, RulebookOutline @new)
    {
        // A file may repeat an id (diff reads files that failed validation): compare the first of each.
        var before = old.Questions.DistinctBy(q => q.Id).ToDictionary(q => q.Id, StringComparer.Ordinal);
        foreach (var question in @new.Questions.DistinctBy(q => q.Id))
        {
            if (!before.Remove(question.Id, out var was))
            {
                yield return $"+ {question.Id} (new question): \"{question.Text}\"";
                continue;
            }

            if (was.Text != question.Text)
            {
                yield return $"{question.Id}: text \"{was.Text}\" → \"{question.Text}\"";
            }

            if (was.Why != question.Why)
            {
                yield return $"{question.Id}: reason (why) reworded";
            }

            var oldChoices = was.Choices.DistinctBy(c => c.Value).ToDictionary(c => c.Value, c => c.Title, StringComparer.Ordinal);
            foreach (var (value, title) in question.Choices.DistinctBy(c => c.Value))
            {
                if (!oldChoices.Remove(value, out var oldTitle))
                {
                    yield return $"{question.Id}: choice added: {value} (\"{title}\")";
                }
                else if (oldTitle != title)
                {
                    yield return $"{question.Id}: choice {value} retitled \"{oldTitle}\" → \"{title}\"";
                }
            }

            foreach (var value in oldChoices.Keys)
            {
                yield return $"{question.Id}: choice removed: {value}";
            }
        }

        foreach (var id in before.Keys)
        {
            yield return $"- {id} (question removed)";
        }
    }

    private static IEnumerable<string> Labels(IReadOnlyDictionary<string, string> old, IReadOnlyDictionary<string, string> @new)
    {
        foreach (var (code, label) in @new)
        {
            if (!old.TryGetValue(code, out var was))
            {
                yield return $"+ {code}: \"{label}\"";
            }
            else if (was != label)
            {
                yield return $"{code}: \"{was}\" → \"{label}\"";
            }
        }

        foreach (var code in old.Keys.Where(c => !@new.ContainsKey(c)))
        {
            yield return $"- {code}";
        }
    }

    private static IEnumerable<string> Outcomes(RulebookOutline old, RulebookOutline @new)
    {
        var before = old.Outcomes.DistinctBy(o => o.Id).ToDictionary(o => o.Id, StringComparer.Ordinal);
        foreach (var outcome in @new.Outcomes.DistinctBy(o => o.Id))
        {
            if (!before.Remove(outcome.Id, out var was))
            {
                yield return $"+ {outcome.Id} (new outcome, handOverNotes {outcome.HandOverNotes}): \"{outcome.Headline}\"";
                yield return $"    steps: {string.Join(", ", outcome.Steps.Select(Show))}";
                continue;
            }

            var changes = OutcomeChanges(was, outcome, old.StepTexts, @new.StepTexts).ToList();
            if (changes.Count > 0)
            {
                yield return $"{outcome.Id}:";
                foreach (var change in changes)
                {
                    yield return "    " + change;
                }
            }
        }

        foreach (var id in before.Keys)
        {
            yield return $"- {id} (outcome removed)";
        }
    }

    private static IEnumerable<string> OutcomeChanges(
        RulebookOutline.OutcomeOutline was,
        RulebookOutline.OutcomeOutline now,
        IReadOnlyDictionary<string, string> oldTexts,
        IReadOnlyDictionary<string, string> newTexts)
    {
        if (was.HandOverNotes != now.HandOverNotes)
        {
            yield return $"handOverNotes {was.HandOverNotes} → {now.HandOverNotes}";
        }

        if (was.Headline != now.Headline)
        {
            yield return $"headline \"{was.Headline}\" → \"{now.Headline}\"";
        }

        var oldCodes = was.Steps.Select(s => s.Code).ToList();
        var newCodes = now.Steps.Select(s => s.Code).ToList();
        var added = now.Steps.Where(s => !oldCodes.Contains(s.Code)).Select(Show).ToList();
        var removed = oldCodes.Where(c => !newCodes.Contains(c)).ToList();
        var kept = newCodes.Where(oldCodes.Contains).ToList();
        var reworded = kept.Where(c => oldTexts.GetValueOrDefault(c) != newTexts.GetValueOrDefault(c)).ToList();
        var conditions = now.Steps
            .Where(s => kept.Contains(s.Code) && was.Steps.First(o => o.Code == s.Code).When != s.When)
            .Select(s => $"{s.Code} now {(s.When.Length == 0 ? "always shown" : "shown when " + s.When)}")
            .ToList();
        if (added.Count > 0)
        {
            yield return $"steps added: {string.Join(", ", added)}";
        }

        if (removed.Count > 0)
        {
            yield return $"steps removed: {string.Join(", ", removed)}";
        }

        if (reworded.Count > 0)
        {
            yield return $"steps reworded: {string.Join(", ", reworded)}";
        }

        if (conditions.Count > 0)
        {
            yield return $"conditions changed: {string.Join("; ", conditions)}";
        }

        if (!kept.SequenceEqual(oldCodes.Where(newCodes.Contains)))
        {
            yield return $"steps reordered: now {string.Join(", ", newCodes)}";
        }

        var linksAdded = now.Links.Except(was.Links).ToList();
        var linksRemoved = was.Links.Except(now.Links).ToList();
        if (linksAdded.Count > 0)
        {
            yield return $"links added: {string.Join(", ", linksAdded)}";
        }

        if (linksRemoved.Count > 0)
        {
            yield return $"links removed: {string.Join(", ", linksRemoved)}";
        }
    }

    private static string Show(RulebookOutline.StepOutline step) => step.When.Length == 0 ? step.Code : $"{step.Code} (when {step.When})";
}
