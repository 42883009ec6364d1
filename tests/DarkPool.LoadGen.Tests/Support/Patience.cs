namespace DarkPool.LoadGen.Tests.Support;

/// <summary>
/// Bounds a test's wait so that a hang fails the test instead of hanging the run: about 30 s, counted in 100 ms steps of
/// this process's own running time rather than by the wall clock, so that a process stopped and resumed (a shared
/// machine pausing low-priority work) does not time out the moment it resumes, before the awaited work could run.
/// </summary>
internal static class Patience
{
    private const int Steps = 300;

    public static async Task<T> Within<T>(this Task<T> task)
    {
        await ((Task)task).Within();
        return await task;
    }

    public static async Task Within(this Task task)
    {
        for (int i = 0; i < Steps && !task.IsCompleted; i++)
        {
            _ = await Task.WhenAny(task, Task.Delay(100));
        }

        if (!task.IsCompleted)
        {
            throw new TimeoutException($"Still waiting after {Steps} steps of 100 ms: a hang.");
        }

        await task;
    }
}
