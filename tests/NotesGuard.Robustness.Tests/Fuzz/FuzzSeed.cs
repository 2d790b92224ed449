using System.Globalization;

namespace NotesGuard.Robustness.Tests.Fuzz;

/// <summary>
/// The seed and size of a generated run. NOTESGUARD_FUZZ_SEED replays a run exactly (every failure message prints
/// the seed it ran with); NOTESGUARD_FUZZ_CASES sets how many cases each endpoint gets. Unset, each run draws a new
/// seed, so CI explores new inputs every time while any failure stays reproducible.
/// </summary>
internal static class FuzzSeed
{
    public const string SeedVariable = "NOTESGUARD_FUZZ_SEED";
    public const string CasesVariable = "NOTESGUARD_FUZZ_CASES";

    private static readonly int RunSeed = Read(SeedVariable) ?? Random.Shared.Next();

    /// <summary>Cases per endpoint: enough for thousands per run, few enough for the whole suite to stay well under two minutes.</summary>
    public static int CasesPerEndpoint { get; } = Read(CasesVariable) ?? 800;

    /// <summary>One stream per generator, derived from the run's seed, so endpoints do not shift each other's inputs.</summary>
    public static (int Seed, Random Random) For(string generator)
    {
        var seed = RunSeed ^ StableHash(generator);
        return (RunSeed, new Random(seed));
    }

    public static string Replay(int seed) => $"replay with {SeedVariable}={seed.ToString(CultureInfo.InvariantCulture)}";

    private static int? Read(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>string.GetHashCode is randomised per process; a replay needs the same number every time.</summary>
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
