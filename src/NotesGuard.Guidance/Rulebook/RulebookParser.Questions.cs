using YamlDotNet.RepresentationModel;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>Reading the questions and their choices.</summary>
internal sealed partial class RulebookParser
{
    private List<Question> ReadQuestions(YamlMappingNode root, RulebookLocations where)
    {
        var questions = new List<Question>();
        foreach (var (map, path) in Entries(root, "questions"))
        {
            _reader.OnlyKeys(map, path, "id", "text", "why", "choices");
            var id = _reader.RequiredText(map, "id", path);
            var text = _reader.RequiredText(map, "text", path);
            var why = _reader.RequiredText(map, "why", path);
            var allowed = id is null ? null : AdviceContract.ValuesOf(id);
            if (id is not null && allowed is null)
            {
                _reader.Error(map, path, $"unknown answer key '{id}' (allowed: {string.Join(", ", AdviceContract.Answers.Select(a => a.Key))})");
            }

            var choices = ReadChoices(map, path, id, allowed);
            if (id is null || allowed is null || text is null || why is null)
            {
                continue;
            }

            if (!where.Questions.TryAdd(id, (map.Start, path)))
            {
                _reader.Error(map, path, $"duplicate question '{id}'");
                continue;
            }

            questions.Add(new Question(id, text, why, choices));
        }

        if (_reader.Child(root, "questions", "", required: false) is { } questionsNode)
        {
            foreach (var (key, _) in AdviceContract.Answers)
            {
                if (!where.Questions.ContainsKey(key))
                {
                    _reader.Error(questionsNode, "questions", $"no question for answer key '{key}'");
                }
            }
        }

        return questions;
    }

    private List<Choice> ReadChoices(YamlMappingNode question, string path, string? id, IReadOnlyList<string>? allowed)
    {
        var choices = new List<Choice>();
        if (_reader.Child(question, "choices", path) is not { } node || _reader.Sequence(node, $"{path}.choices") is not { } list)
        {
            return choices;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var choicePath = $"{path}.choices[{i}]";
            if (_reader.Mapping(list.Children[i], choicePath) is not { } map)
            {
                continue;
            }

            _reader.OnlyKeys(map, choicePath, "value", "title", "synonyms");
            var value = _reader.RequiredText(map, "value", choicePath);
            var title = _reader.RequiredText(map, "title", choicePath);
            var synonyms = _reader.TextList(map, "synonyms", choicePath, required: false);
            if (value is not null && allowed is not null && !allowed.Contains(value, StringComparer.Ordinal))
            {
                _reader.Error(map, choicePath, $"unknown value '{value}' for '{id}' (allowed: {string.Join(", ", allowed)})");
                continue;
            }

            if (value is not null && title is not null)
            {
                choices.Add(new Choice(value, title) { Synonyms = [.. synonyms.Select(s => s.Value)] });
            }
        }

        // A word that could mean two choices would make lenient recognition guess; refuse it here instead.
        var words = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var choice in choices)
        {
            foreach (var word in choice.Synonyms.Append(choice.Value).Append(choice.Title).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (words.TryGetValue(word, out var other) && other != choice.Value)
                {
                    _reader.Error(list, $"{path}.choices", $"'{word}' would mean both '{other}' and '{choice.Value}'");
                }

                words[word] = choice.Value;
            }
        }

        if (allowed is not null)
        {
            foreach (var value in allowed.Where(v => !choices.Any(c => c.Value == v)))
            {
                _reader.Error(list, $"{path}.choices", $"no choice for value '{value}' of '{id}'");
            }
        }

        return choices;
    }
}
