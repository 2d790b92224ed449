using System.Net;

namespace NotesGuard.Teams.Connector;

/// <summary>A connector call that failed for good (after retries); the status is null for network failures.</summary>
public sealed class ConnectorException(HttpStatusCode? statusCode, string message) : Exception(message)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
