namespace WeekendCulturel.Registration.Domain;

internal static class Lists
{
    /// <summary>Adds what a step produced, when it produced something.</summary>
    public static void AddIfNotNull<T>(this List<T> list, T? item)
        where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }
}
