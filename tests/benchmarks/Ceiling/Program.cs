using System.Text.Json;

// The ceiling: what ASP.NET Core itself costs per turn on this machine. The activity is parsed (so the body is
// read and checked as JSON, like any bot must) and the answer is an empty 200.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapPost("/api/messages", async (HttpRequest request) =>
{
    using var activity = await JsonDocument.ParseAsync(request.Body);
    return activity.RootElement.TryGetProperty("type", out _) ? Results.Ok() : Results.BadRequest();
});
app.Run();
