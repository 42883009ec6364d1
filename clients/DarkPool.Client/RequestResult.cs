using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Responses;
using Grpc.Core;

namespace DarkPool.Client;

/// <summary>The typed result of one request.</summary>
/// <param name="Outcome">Answered, refused, or unknown.</param>
/// <param name="RequestId">The client request id it was sent with (resend with it after an unknown outcome).</param>
/// <param name="Responses">The enclave's decrypted answers, in order (empty unless answered).</param>
/// <param name="Status">The gRPC status when refused or unknown.</param>
public sealed record RequestResult(RequestOutcome Outcome, ulong RequestId, IReadOnlyList<DecodedResponse> Responses, Status? Status)
{
    /// <summary>
    /// True when the enclave answered this request and its answers include no rejection; for a mass quote, whose halves'
    /// rejections travel only inside its results, when every quote was replaced.
    /// </summary>
    public bool Accepted =>
        Outcome == RequestOutcome.Answered && Responses.Count > 0 && Responses.All(r => r.Kind != ResponseKind.RequestRejected)
        && BatchCancelReplaced?.All(q => q.Replaced) != false;

    /// <summary>The rejection reason, when an answer is a rejection.</summary>
    public RejectCode? RejectReason => Responses.FirstOrDefault(r => r.Kind == ResponseKind.RequestRejected) is { Kind: ResponseKind.RequestRejected } r ? r.Rejected.Reason : null;

    /// <summary>A cancel-replace's result for each half; null for other requests or when not answered.</summary>
    public CancelReplaced? CancelReplaced =>
        Responses.FirstOrDefault(r => r.Kind == ResponseKind.CancelReplaced) is { Kind: ResponseKind.CancelReplaced } r ? r.CancelReplaced : null;

    /// <summary>A batch's results, one per order in the batch's order; null for other requests or when not answered.</summary>
    public IReadOnlyList<BatchPlaceResult>? BatchResults =>
        Responses.FirstOrDefault(r => r.Kind == ResponseKind.BatchPlaced) is { Kind: ResponseKind.BatchPlaced } r ? r.BatchPlaced.Results : null;

    /// <summary>A mass quote's results, one per cancel-replace in the request's order; null for other requests or when not answered.</summary>
    public IReadOnlyList<BatchCancelReplaceResult>? BatchCancelReplaced =>
        Responses.FirstOrDefault(r => r.Kind == ResponseKind.BatchCancelReplaced) is { Kind: ResponseKind.BatchCancelReplaced } r ? r.BatchCancelReplaced.Results : null;
}
