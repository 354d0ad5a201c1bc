# Multi-stage: build with the SDK, run on the ASP.NET Core runtime (the bot hosts the OAuth callback).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props SpotifyLocal.sln ./
COPY SpotifyLocal.Core/SpotifyLocal.Core.csproj SpotifyLocal.Core/
COPY SpotifyLocal.Bot/SpotifyLocal.Bot.csproj SpotifyLocal.Bot/
RUN dotnet restore SpotifyLocal.Bot/SpotifyLocal.Bot.csproj
COPY SpotifyLocal.Core/ SpotifyLocal.Core/
COPY SpotifyLocal.Bot/ SpotifyLocal.Bot/
RUN dotnet publish SpotifyLocal.Bot/SpotifyLocal.Bot.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# Fonts so chart labels render in Latin, Cyrillic, Greek, Arabic, CJK and emoji; tzdata for IANA zones.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fontconfig fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && fc-cache -f
WORKDIR /app
COPY --from=build /app ./
COPY samples/ ./samples/
RUN mkdir -p /data && chown app:app /data
ENV Storage__Sqlite__Path=/data/spotifylocal.db \
    Spotify__TokenKeyDirectory=/data/keys \
    Console__Enabled=false \
    ASPNETCORE_URLS=http://0.0.0.0:8888 \
    DOTNET_RUNNING_IN_CONTAINER=true
VOLUME ["/data"]
EXPOSE 8888
# The base image's non-root user.
USER app
ENTRYPOINT ["dotnet", "SpotifyLocal.Bot.dll"]
