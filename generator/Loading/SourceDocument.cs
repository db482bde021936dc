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
        var text = File.ReadAllText(fullPath);
        var fileName = System.IO.Path.GetFileNameWithoutExtension(fullPath);
        var isEnglish = fileName.EndsWith(".en", StringComparison.Ordinal);
        var id = isEnglish ? fileName[..^3] : fileName;

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

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

    /// <summary>Parses a YAML text whose root must be a mapping; lineOffset is where it starts in its file, minus one.</summary>
    public static YamlObject? ParseYaml(string yaml, string displayPath, int lineOffset, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            diagnostics.Error(displayPath, (int)e.Start.Line + lineOffset, Math.Max(1, (int)e.Start.Column), "YAML syntax: " + Describe(e));
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
