using System.ComponentModel.DataAnnotations;

namespace SpotifyLocal.Bot.Telegram;

/// <summary>The <c>Telegram</c> section. The adapter runs only when <see cref="BotToken"/> is set.</summary>
public sealed class TelegramOptions
{
    public const string SectionName = "Telegram";

    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    /// <summary>The token from @BotFather (<c>123456:ABC-DEF…</c>). A secret: never logged.</summary>
    [Required(ErrorMessage = "Telegram:BotToken must be the token @BotFather gave you.")]
    [RegularExpression(@"^\d+:[\w-]+$", ErrorMessage = "Telegram:BotToken must look like 123456:ABC-DEF… (the token @BotFather gave you).")]
    public string BotToken { get; set; } = "";

    /// <summary>Bot API server root; only scheme and authority are used (a local Bot API server, or a test fake).</summary>
    [Required(ErrorMessage = "Telegram:ApiBaseUrl must be an absolute http(s) URL.")]
    [Url(ErrorMessage = "Telegram:ApiBaseUrl must be an absolute http(s) URL.")]
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Largest document the bot downloads; the public Bot API refuses more than 20 MB.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Telegram:MaxDownloadBytes must be positive.")]
    public long MaxDownloadBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>How long one getUpdates call waits for news (Telegram's long-poll timeout, whole seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:30", ErrorMessage = "Telegram:PollTimeout must be between 1 and 90 seconds.")]
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shortest gap between two edits of an import's progress message (Telegram throttles edits).</summary>
    public TimeSpan ProgressEditInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest a request waits out Telegram's flood control (429 <c>retry_after</c>) before it is sent again; a longer
    /// wait is logged and the message dropped rather than holding its chat that long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00", ErrorMessage = "Telegram:MaxFloodWait must be between 0 and 30 minutes.")]
    public TimeSpan MaxFloodWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Chats whose updates are handled at the same time; each chat's own updates stay in order.</summary>
    [Range(1, 64, ErrorMessage = "Telegram:MaxConcurrentChats must be between 1 and 64.")]
    public int MaxConcurrentChats { get; set; } = 4;

    /// <summary>
    /// At shutdown, how long updates in hand may still finish before they are cancelled; an unfinished update is not
    /// confirmed, so Telegram delivers it again after the restart.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Telegram:ShutdownGracePeriod must be between 0 and 5 minutes.")]
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>While an update is in hand getUpdates answers at once; the bot then polls at most this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:00:30", ErrorMessage = "Telegram:InHandPollInterval must be between 0.1 and 30 seconds.")]
    public TimeSpan InHandPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
