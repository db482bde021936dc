namespace WeekendCulturel.Generator.Loading;

/// <summary>
/// The key under which the loader keeps where something was written (a <see cref="SourceSpan"/>), so that the
/// checks across files can point at it: an item's file (where its front matter starts), or one of its fields.
/// </summary>
/// <param name="Folder">The content folder of the item (<c>sessions</c>, <c>pages</c>...).</param>
/// <param name="Id">The item's id: its file name without <c>.md</c>.</param>
/// <param name="Field">A field of its front matter, or null for the item itself.</param>
public readonly record struct SourceKey(string Folder, string Id, string? Field = null)
{
    public static SourceKey Item(string folder, string id) => new(folder, id);

    public static SourceKey Session(string id) => new("sessions", id);

    /// <summary>A session's <c>start</c> field: the overlap of two sessions is reported there.</summary>
    public static SourceKey SessionStart(string id) => new("sessions", id, "start");

    public static SourceKey Page(string id) => new("pages", id);

    public override string ToString() => Field is null ? $"{Folder}/{Id}" : $"{Folder}/{Id}#{Field}";
}
