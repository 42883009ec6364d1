using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace DarkPool.Disruptor.Internal;

/// <summary>
/// Throws on behalf of hot methods so that their bodies stay small enough to inline and carry no
/// exception-construction code.
/// </summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBatchSizeOutOfRange(int n, int bufferSize) =>
        throw new ArgumentOutOfRangeException(
            nameof(n), n, $"A claim must be between 1 and the buffer size ({bufferSize}).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBufferSizeInvalid(int bufferSize) =>
        throw new ArgumentOutOfRangeException(
            nameof(bufferSize), bufferSize, "The buffer size must be a power of two of at least 1.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowAlreadyRunning() =>
        throw new InvalidOperationException("The processor is already running.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowPublishRangeInvalid(long lo, long hi) =>
        throw new ArgumentOutOfRangeException(nameof(hi), hi, $"The range [{lo}, {hi}] is empty.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Rethrow(Exception exception) => ExceptionDispatchInfo.Throw(exception);
}
