using DarkPool.Client;
using DarkPool.CommandLine;
using DarkPool.Protocol.Messages;

namespace DarkPool.Cli.Internal;

/// <summary>Turns a request's typed result into what the command prints or the failure it ends with.</summary>
internal static class Answers
{
    /// <summary>
    /// The enclave's answers to a request that was answered; a refusal or an unknown outcome is a failure (exit 1) that
    /// says what to do next.
    /// </summary>
    public static IReadOnlyList<DecodedResponse> Of(RequestResult result, string what)
    {
        return result.Outcome switch
        {
            RequestOutcome.Answered => result.Responses,
            RequestOutcome.Refused => throw CommandLineException.Failure(
                $"{what} was refused before it reached the order book, nothing was done: {result.Status?.StatusCode} {result.Status?.Detail}"),
            _ => throw CommandLineException.Failure(
                $"the outcome of {what} is unknown ({result.Status?.StatusCode} {result.Status?.Detail}); check with 'darkpool orders' before trying again"),
        };
    }

    /// <summary>The one answer of <paramref name="kind"/> (a query's page); a rejection is a failure naming its reason.</summary>
    public static DecodedResponse Single(RequestResult result, ResponseKind kind, string what)
    {
        IReadOnlyList<DecodedResponse> answers = Of(result, what);
        if (answers.FirstOrDefault(a => a.Kind == ResponseKind.RequestRejected) is { Kind: ResponseKind.RequestRejected } rejected)
        {
            throw CommandLineException.Failure($"{what} was rejected: {Names.Of(rejected.Rejected.Reason)}");
        }

        return answers.FirstOrDefault(a => a.Kind == kind) is { } page && page.Kind == kind
            ? page
            : throw CommandLineException.Failure($"{what}: the enclave's answer was not a {Names.Of(kind)}");
    }
}
