using System.CommandLine;
using NotesGuard.Conversations.Practice;

namespace NotesGuard.Cli.Commands;

/// <summary>
/// <c>notesguard practice hash-key</c>: reads a broadcast API key from standard input (never an argument, which
/// would land in shell history) and prints the value for Practice:BroadcastApiKeyHash; <c>--new</c> makes a key too.
/// </summary>
internal static class PracticeCommand
{
    public static Command Build()
    {
        var create = new Option<bool>("--new") { Description = "Make a new random key, print it once, then its hash." };
        var hashKey = new Command("hash-key", "Print the Practice:BroadcastApiKeyHash value for a key read from standard input.") { create };
        hashKey.SetAction(parse => HashKey(parse.GetValue(create)));
        return new Command("practice", "Practice set-up: the broadcast API key.") { hashKey };
    }

    private static int HashKey(bool create)
    {
        string key;
        if (create)
        {
            key = PracticeApiKey.Create();
            Console.Out.WriteLine($"key:  {key}");
            Console.Out.WriteLine("      (give this to the practice's tooling; it is not stored anywhere)");
        }
        else
        {
            key = (Console.In.ReadLine() ?? "").Trim();
            if (key.Length < PracticeApiKey.MinimumLength)
            {
                Console.Error.WriteLine("notesguard: a broadcast API key must be at least 16 characters (try --new for a random one)");
                return ExitCodes.InvalidInput;
            }
        }

        Console.Out.WriteLine(create ? $"hash: {PracticeApiKey.Hash(key)}" : PracticeApiKey.Hash(key));
        return ExitCodes.Ok;
    }
}
