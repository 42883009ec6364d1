using Microsoft.Extensions.Logging;

namespace DarkPool.Gateway.Internal;

/// <summary>The gateway's log messages: never an order field, a balance, a session's keys or its envelopes.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "A session's disconnect could not be journaled ({Reason}); the enclave was stopping.")]
    public static partial void DisconnectNotJournaled(ILogger logger, string reason);
}
