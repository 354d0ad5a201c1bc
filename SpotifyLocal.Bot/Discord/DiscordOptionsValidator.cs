using Microsoft.Extensions.Options;

namespace SpotifyLocal.Bot.Discord;

/// <summary>Checks the <c>Discord</c> section only when a bot token enables the adapter, naming the key at fault.</summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.BotToken!.Trim().Contains(' '))
        {
            failures.Add("Discord:BotToken must be the bare token from Developer Portal → Bot (without a 'Bot ' prefix).");
        }

        if (!IsAbsolute(options.ApiBaseUrl, "http", "https"))
        {
            failures.Add("Discord:ApiBaseUrl must be an absolute http(s) URL such as https://discord.com/api/v10.");
        }

        if (!string.IsNullOrWhiteSpace(options.GatewayUrlOverride) && !IsAbsolute(options.GatewayUrlOverride, "ws", "wss"))
        {
            failures.Add("Discord:GatewayUrlOverride must be an absolute ws(s) URL, or empty to ask Discord.");
        }

        if (!IsSnowflakeOrEmpty(options.ApplicationId))
        {
            failures.Add("Discord:ApplicationId must be the numeric application id (Developer Portal → General Information), or empty.");
        }

        if (!IsSnowflakeOrEmpty(options.DevGuildId))
        {
            failures.Add("Discord:DevGuildId must be a numeric server id (right-click the server → Copy Server ID), or empty.");
        }

        if (options.MaxImportBytes <= 0)
        {
            failures.Add("Discord:MaxImportBytes must be a positive number of bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAbsolute(string? value, params string[] schemes) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme);

    private static bool IsSnowflakeOrEmpty(string? value) =>
        string.IsNullOrWhiteSpace(value) || ulong.TryParse(value, out _);
}
