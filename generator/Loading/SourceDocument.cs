using System.Buffers;
using System.Text;
using System.Text.Unicode;
using WeekendCulturel.Generator.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace WeekendCulturel.Generator.Loading;

/// <summary>A content file split into its YAML front matter and its Markdown body.</summary>
public sealed record SourceDocument(string Path, string Id, bool IsEnglish, YamlObject? FrontMatter, string Body, int BodyLine)
{
    private const string Fence = "---";

    /// <summary>Reads a Markdown file with front matter; problems go to the bag and give a null front matter.</summary>
    public static SourceDocument ReadMarkdown(string fullPath, string displayPath, DiagnosticBag diagnostics)
    {
        var text = ReadText(fullPath, displayPath, diagnostics);
        var fileName = System.IO.Path.GetFileNameWithoutExtension(fullPath);
        var isEnglish = fileName.EndsWith(".en", StringComparison.Ordinal);
        var id = isEnglish ? fileName[..^3] : fileName;

        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != Fence)
        {
            diagnostics.Error(displayPath, 1, 1, "the file must start with a front matter block between two '---' lines");
            return new SourceDocument(displayPath, id, isEnglish, null, text, 1);
        }

        var close = -1;
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd('\r') == Fence)
            {
                close = i;
                break;
            }
        }

        if (close < 0)
        {
            diagnostics.Error(displayPath, 1, 1, "the front matter is not closed by a '---' line");
            return new SourceDocument(displayPath, id, isEnglish, null, "", 1);
        }

        var yaml = string.Join('\n', lines[1..close]);
        var body = string.Join('\n', lines[(close + 1)..]);
        var frontMatter = ParseYaml(yaml, displayPath, lineOffset: 1, diagnostics);
        return new SourceDocument(displayPath, id, isEnglish, frontMatter, body, close + 2);
    }

    /// <summary>
    /// Reads a content file as UTF-8 text without its byte-order mark. Bytes that are not UTF-8 (a file saved in
    /// another encoding) and control characters (binary data, a bad paste) are reported where they are, then
    /// replaced so that reading goes on: no page, feed or calendar can carry them.
    /// </summary>
    public static string ReadText(string fullPath, string displayPath, DiagnosticBag diagnostics)
    {
        var bytes = File.ReadAllBytes(fullPath).AsSpan();
        if (bytes.StartsWith(Utf8Bom))
        {
            bytes = bytes[3..];
        }

        if (!Utf8.IsValid(bytes))
        {
            var chars = new char[bytes.Length];
            Utf8.ToUtf16(bytes, chars, out var valid, out _, replaceInvalidSequences: false);
            var (line, column) = PositionOf(bytes[..valid]);
            diagnostics.Error(displayPath, line, column, "these bytes are not UTF-8: save the file as UTF-8 (it may have been saved in another encoding)");
        }

        var text = Encoding.UTF8.GetString(bytes);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var first = text.AsSpan().IndexOfAny(Unprintable);
        if (first >= 0)
        {
            var (line, column) = PositionOf(text.AsSpan(0, first));
            diagnostics.Error(displayPath, line, column, $"a control character (U+{(int)text[first]:X4}) that no page can show: delete it (binary data, or a bad copy and paste?)");
            var chars = text.ToCharArray();
            for (var at = first; at >= 0; at = chars.AsSpan().IndexOfAny(Unprintable))
            {
                chars[at] = '\uFFFD';
            }

            text = new string(chars);
        }

        return text;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    // Characters that HTML, XML and iCalendar cannot carry: C0 controls but tab and line ends, and the two
    // non-characters U+FFFE and U+FFFF.
    private static readonly SearchValues<char> Unprintable = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c)) + "\uFFFE\uFFFF");

    /// <summary>The line and column just after a text (UTF-8 bytes or characters), counting from 1.</summary>
    private static (int Line, int Column) PositionOf(ReadOnlySpan<byte> before)
    {
        var lastBreak = before.LastIndexOf((byte)'\n');
        var lineStart = before[(lastBreak + 1)..];
        var column = 1;
        foreach (var b in lineStart)
        {
            // Count characters, not bytes: a UTF-8 continuation byte is 10xxxxxx.
            column += (b & 0xC0) == 0x80 ? 0 : 1;
        }

        return (before.Count((byte)'\n') + 1, column);
    }

    private static (int Line, int Column) PositionOf(ReadOnlySpan<char> before) =>
        (before.Count('\n') + 1, before.Length - before.LastIndexOf('\n'));

    /// <summary>Parses a YAML text whose root must be a mapping; lineOffset is where it starts in its file, minus one.</summary>
    public static YamlObject? ParseYaml(string yaml, string displayPath, int lineOffset, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        var parser = new FlowTrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            diagnostics.Error(displayPath, (int)e.Start.Line + lineOffset, Math.Max(1, (int)e.Start.Column), "YAML syntax: " + Describe(e));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            // YamlDotNet's scanner fails on some malformed text with an exception about its own state instead of
            // a YamlException (a [ list left open around a plain a:b, for one). The text is not YAML either way:
            // point at the bracket left open, or else at the last thing that could be read.
            var (at, message) = parser.OpenFlow is { } open
                ? (open, "YAML syntax: this list or mapping is not closed (a missing ']' or '}'?)")
                : (parser.LastRead ?? Mark.Empty, "YAML syntax: the text cannot be read as YAML after this point");
            diagnostics.Error(displayPath, Math.Max(1, (int)at.Line) + lineOffset, Math.Max(1, (int)at.Column), message);
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Error(displayPath, 1 + lineOffset, 1, "the YAML block is empty");
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var node = stream.Documents[0].RootNode;
            diagnostics.Error(displayPath, (int)node.Start.Line + lineOffset, (int)node.Start.Column, "the YAML block must be a mapping of fields (name: value)");
            return null;
        }

        return new YamlObject(root, displayPath, lineOffset, diagnostics);
    }

    private static string Describe(YamlException e)
    {
        // YamlDotNet's messages start with the position again; the diagnostic already carries it.
        var message = e.InnerException is { } inner && e.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) ? inner.Message : e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
    }
}
