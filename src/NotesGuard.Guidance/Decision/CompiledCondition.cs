using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Guidance.Decision;

/// <summary>An <see cref="AnswerCondition"/> as one bitmask of allowed value indexes per answer key.</summary>
internal readonly struct CompiledCondition
{
    private readonly uint[] _allowed;

    public CompiledCondition(AnswerCondition? condition, AnswerSpace space)
    {
        _allowed = new uint[space.KeyCount];
        for (var k = 0; k < space.KeyCount; k++)
        {
            _allowed[k] = uint.MaxValue;
        }

        if (condition is null)
        {
            return;
        }

        foreach (var (key, values) in condition.AllowedValues)
        {
            var k = space.KeyIndex(key);
            _allowed[k] = 0;
            foreach (var value in values)
            {
                _allowed[k] |= 1u << space.ValueIndex(k, value);
            }
        }
    }

    public bool IsMetBy(ReadOnlySpan<int> digits)
    {
        for (var k = 0; k < digits.Length; k++)
        {
            if ((_allowed[k] & (1u << digits[k])) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
