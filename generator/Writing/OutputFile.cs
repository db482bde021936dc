using System.Text;

namespace WeekendCulturel.Generator.Writing;

/// <summary>A file of the built site, in memory until the writer puts it on disk.</summary>
public sealed record OutputFile(string Path, byte[] Bytes)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary><paramref name="path"/> is relative to the output folder, with forward slashes.</summary>
    public static OutputFile Text(string path, string text) => new(path.TrimStart('/'), Utf8.GetBytes(text));
}
