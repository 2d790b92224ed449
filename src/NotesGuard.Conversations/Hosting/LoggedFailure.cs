using Azure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace NotesGuard.Conversations.Hosting;

/// <summary>
/// What a log may say about a failure caught around a whole turn or a store call: the exception's type and, for the
/// stores' own exceptions, their error code, never the message. A catch-all sees every exception a turn can throw,
/// and a message is free text that a future provider, or a bug, could fill with what someone typed or a record's
/// key. <see cref="WithStack"/> adds the stack trace (method names and lines, no values) where a bug is likely.
/// </summary>
public static class LoggedFailure
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var type = exception.GetType().Name;
        return exception switch
        {
            SqliteException sqlite => $"{type} {sqlite.SqliteErrorCode}/{sqlite.SqliteExtendedErrorCode}",
            PostgresException postgres => $"{type} {Code(postgres.SqlState)}",
            NpgsqlException npgsql => $"{type}{(npgsql.IsTransient ? " (transient)" : "")}{Inner(npgsql)}",
            RequestFailedException azure => $"{type} {azure.Status} {Code(azure.ErrorCode)}",
            _ => type + Inner(exception),
        };
    }

    public static string WithStack(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StackTrace is { } stack ? Describe(exception) + Environment.NewLine + stack : Describe(exception);
    }

    private static string Inner(Exception exception) =>
        exception.InnerException is { } inner ? $" <- {inner.GetType().Name}" : "";

    /// <summary>A service's error code, kept only when it looks like one (letters, digits, at most 64 characters).</summary>
    private static string Code(string? code) =>
        code is { Length: > 0 and <= 64 } && code.All(char.IsAsciiLetterOrDigit) ? code : "-";
}
