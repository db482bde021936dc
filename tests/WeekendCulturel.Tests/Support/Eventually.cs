namespace WeekendCulturel.Tests.Support;

/// <summary>For what background work makes true a little later (a dispatcher marking what it sent).</summary>
public static class Eventually
{
    /// <summary>Waits up to 10 s for <paramref name="condition"/>, then asserts it.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(await condition());
    }
}
