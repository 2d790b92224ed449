# syntax=docker/dockerfile:1
# NotesGuard bot: built with the .NET SDK, run on the ASP.NET Core runtime image as a non-root user.
#   docker build -t notesguard .
#   docker run -p 3978:8080 -v notesguard-data:/data notesguard
# See docs/operations.md.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore from the project files alone first, so a code change reuses the restored-packages layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/NotesGuard.Guidance/NotesGuard.Guidance.csproj src/NotesGuard.Guidance/
COPY src/NotesGuard.Conversations/NotesGuard.Conversations.csproj src/NotesGuard.Conversations/
COPY src/NotesGuard.Letters/NotesGuard.Letters.csproj src/NotesGuard.Letters/
COPY src/NotesGuard.Teams/NotesGuard.Teams.csproj src/NotesGuard.Teams/
COPY src/NotesGuard.Slack/NotesGuard.Slack.csproj src/NotesGuard.Slack/
COPY src/NotesGuard.Bot/NotesGuard.Bot.csproj src/NotesGuard.Bot/
RUN dotnet restore src/NotesGuard.Bot/NotesGuard.Bot.csproj
COPY src/ src/
RUN dotnet publish src/NotesGuard.Bot/NotesGuard.Bot.csproj --configuration Release --no-restore \
      --output /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
# curl only for the HEALTHCHECK below; the runtime image ships no HTTP client.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./

# The SQLite store and the key ring that encrypts Slack tokens live in /data: a volume, so they outlive the
# container. It must be created and handed to the app user before VOLUME, which freezes its contents.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__DataFolder=/data \
    DOTNET_NOLOGO=1
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data

# The aspnet image defines the unprivileged "app" user (APP_UID); never run the bot as root.
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl --fail --silent --show-error --max-time 4 http://127.0.0.1:8080/healthz || exit 1
# SIGTERM starts the graceful shutdown (Shutdown:GracePeriod); docker stop waits 10 s by default, so give
# `docker stop -t` / compose's stop_grace_period a little more than the grace period.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "NotesGuard.Bot.dll"]
