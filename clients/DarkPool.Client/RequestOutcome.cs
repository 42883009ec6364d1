namespace DarkPool.Client;

/// <summary>How a request ended, as far as the client can tell.</summary>
public enum RequestOutcome
{
    /// <summary>The enclave executed it; its answers are in the result (an order may still have been rejected: see them).</summary>
    Answered,

    /// <summary>The gateway or enclave refused it as a whole; nothing was done.</summary>
    Refused,

    /// <summary>
    /// No answer arrived in time, or the enclave stopped: the request may or may not have been executed. Look it up by
    /// client order id (open orders), or resend with the same client request id: the enclave never executes it twice.
    /// </summary>
    Unknown,
}
