using System.Diagnostics;
using System.Text.Json;
using NotesGuard.Conformance.Tests.Infrastructure;
using NotesGuard.Conformance.Tests.Slack;

namespace NotesGuard.Conformance.Tests.Operations;

/// <summary>
/// The Dockerfile and compose.yaml keep what docs/operations.md promises: multi-stage, non-root, a health check
/// on /healthz, the data folder as a volume, the exposed port the app listens on, and two bot instances on
/// PostgreSQL, and every project the bot references restored in the build stage. Where a Docker daemon answers,
/// the image is built and its configuration inspected; everywhere, tests/tools/check-container parses both
/// files, and each promise it checks is shown to fail when broken.
/// </summary>
public sealed class ContainerTests
{
    private static readonly string Dockerfile = RepositoryFiles.Path("Dockerfile");
    private static readonly string Compose = RepositoryFiles.Path("compose.yaml");

    [Fact]
    public void The_dockerfile_and_compose_file_keep_every_promise_and_the_image_builds_where_docker_runs()
    {
        var (exitCode, output) = PeerTools.Run("check-container", Dockerfile, Compose);

        Assert.True(exitCode == 0, output);
        Assert.Contains("6 projects restored, USER $APP_UID, port 8080, data /data, 2 bot services + postgres", output, StringComparison.Ordinal);

        // Building needs a Docker daemon; where none answers (this project's machines have at most the client),
        // the parsed checks above are what holds the Dockerfile to its promises.
        if (DockerAnswers())
        {
            BuildAndInspectImage();
        }
    }

    public static TheoryData<string, string, string, string> BrokenPromises => new()
    {
        // file, text to replace, replacement, what check-container must say
        { "Dockerfile", "USER $APP_UID\n", "", "non-root: the final stage has no USER" },
        { "Dockerfile", "USER $APP_UID\n", "USER root\n", "non-root: USER root is root" },
        { "Dockerfile", "CMD curl --fail --silent --show-error --max-time 4 http://127.0.0.1:8080/healthz", "CMD curl --fail http://127.0.0.1:8080/", "health: the HEALTHCHECK must ask" },
        { "Dockerfile", "HEALTHCHECK --interval", "#HEALTHCHECK --interval", "health: the final stage has no HEALTHCHECK CMD" },
        { "Dockerfile", "VOLUME /data\n", "", "data: the data folder /data is not a VOLUME" },
        { "Dockerfile", "EXPOSE 8080\n", "EXPOSE 80\n", "port: EXPOSE 80 does not include the port the app listens on (8080)" },
        { "Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime", "FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS runtime", "runtime: the final stage must be FROM mcr.microsoft.com/dotnet/aspnet" },
        { "Dockerfile", "COPY --from=build /app ./", "COPY src/ ./", "multi-stage: the final stage must COPY --from=build" },
        { "Dockerfile", "COPY src/NotesGuard.Letters/NotesGuard.Letters.csproj src/NotesGuard.Letters/\n", "", "restore: src/NotesGuard.Letters/NotesGuard.Letters.csproj is not copied before the build stage's dotnet restore" },
        { "compose.yaml", "Storage__Provider: Postgres", "Storage__Provider: Sqlite", "compose: bot-1 must set Storage__Provider: Postgres" },
        { "compose.yaml", "\"127.0.0.1:3979:8080\"", "\"127.0.0.1:3978:8080\"", "compose: the bot services share a host port" },
        { "compose.yaml", "  bot-2:\n    <<: *bot\n", "  other:\n    image: busybox\n", "compose: 1 bot service(s) built from Dockerfile, need two" },
    };

    [Theory]
    [MemberData(nameof(BrokenPromises))]
    public void Check_container_fails_when_a_promise_is_broken(string file, string find, string replace, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("notesguard-container-").FullName;
        foreach (var source in new[] { Dockerfile, Compose })
        {
            var text = File.ReadAllText(source);
            if (Path.GetFileName(source) == file)
            {
                Assert.Contains(find, text, StringComparison.Ordinal);
                text = text.Replace(find, replace, StringComparison.Ordinal);
            }

            File.WriteAllText(Path.Combine(dir, Path.GetFileName(source)), text);
        }

        // The project files are read from the repository: the copies here are only the two files under test.
        var (exitCode, output) = PeerTools.Run("check-container", Path.Combine(dir, "Dockerfile"), Path.Combine(dir, "compose.yaml"), RepositoryFiles.Root);

        Assert.True(exitCode == 1, output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    private static void BuildAndInspectImage()
    {
        var tag = $"notesguard-test:{Guid.NewGuid():N}";
        try
        {
            var (built, buildOutput) = Docker(TimeSpan.FromMinutes(15), "build", "--tag", tag, RepositoryFiles.Root);
            Assert.True(built == 0, buildOutput);
            var (inspected, json) = Docker(TimeSpan.FromMinutes(1), "image", "inspect", "--format", "{{json .Config}}", tag);
            Assert.True(inspected == 0, json);
            var config = JsonDocument.Parse(json).RootElement;
            Assert.DoesNotMatch("^(root|0)?$", config.GetProperty("User").GetString() ?? "");
            Assert.True(config.GetProperty("ExposedPorts").TryGetProperty("8080/tcp", out _), json);
            Assert.True(config.GetProperty("Volumes").TryGetProperty("/data", out _), json);
            Assert.Contains("/healthz", string.Join(' ', config.GetProperty("Healthcheck").GetProperty("Test").EnumerateArray().Select(e => e.GetString())), StringComparison.Ordinal);
        }
        finally
        {
            Docker(TimeSpan.FromMinutes(1), "image", "rm", "--force", tag);
        }
    }

    private static bool DockerAnswers()
    {
        try
        {
            return Docker(TimeSpan.FromSeconds(20), "info").ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client at all
        }
    }

    private static (int ExitCode, string Output) Docker(TimeSpan timeout, params string[] arguments)
    {
        var psi = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "docker timed out");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
