namespace DarkPool.Audit.Internal;

/// <summary>What the verifier can know about REPORTDATA and the nonce in one run.</summary>
internal enum BindingMode
{
    /// <summary>A live server and a nonce drawn in this run: REPORTDATA and the nonce's freshness are checked.</summary>
    Live = 0,

    /// <summary>A quote file with the nonce and keys given: REPORTDATA is checked, the nonce's freshness is the auditor's to judge.</summary>
    FileWithNonce,

    /// <summary>A quote file alone: neither REPORTDATA nor the nonce is checked.</summary>
    FileWithoutNonce,
}
