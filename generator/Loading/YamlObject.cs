using System.Globalization;
using WeekendCulturel.Generator.Diagnostics;
using WeekendCulturel.Theme.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace WeekendCulturel.Generator.Loading;

/// <summary>
/// Reads one YAML mapping into typed values. Every read names the field it expects, so that what is left
/// unread at the end is an unknown field; every problem is reported with the file, line and column of the
/// offending node, and reading goes on so that one run shows all the mistakes.
/// </summary>
public sealed class YamlObject
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _elsewhere = new(StringComparer.Ordinal);

    public YamlObject(YamlMappingNode node, string path, int lineOffset, DiagnosticBag diagnostics)
    {
        _node = node;
        Path = path;
        LineOffset = lineOffset;
        Diagnostics = diagnostics;
    }

    public string Path { get; }

    public int LineOffset { get; }

    public DiagnosticBag Diagnostics { get; }

    public (int Line, int Column) Position => At(_node);

    public (int Line, int Column) At(YamlNode node) => ((int)node.Start.Line + LineOffset, (int)node.Start.Column);

    public void Error(YamlNode node, string message)
    {
        var (line, column) = At(node);
        Diagnostics.Error(Path, line, column, message);
    }

    /// <summary>Where a field is, or the mapping itself when the field is absent.</summary>
    public (int Line, int Column) PositionOf(string key) =>
        Find(key) is { } entry ? At(entry.Key) : Position;

    public bool Has(string key)
    {
        _known.Add(key);
        return Find(key) is not null;
    }

    /// <summary>Declares fields that belong to another file, so that finding them here gets a precise message.</summary>
    public void BelongsElsewhere(IEnumerable<string> keys, string where)
    {
        foreach (var key in keys)
        {
            _elsewhere[key] = where;
        }
    }

    public string? String(string key, bool required = false, int maxLength = 0)
    {
        var node = Scalar(key, required, "a text");
        if (node is null)
        {
            return null;
        }

        var value = node.Value?.Trim() ?? "";
        if (value.Length == 0)
        {
            if (required)
            {
                Error(node, $"'{key}' must not be empty");
            }

            return null;
        }

        if (maxLength > 0 && value.Length > maxLength)
        {
            Error(node, $"'{key}' is {value.Length} characters long; at most {maxLength} are allowed");
        }

        return value;
    }

    public bool? Bool(string key)
    {
        var node = Scalar(key, false, "true or false");
        if (node is null)
        {
            return null;
        }

        if (bool.TryParse(node.Value, out var value))
        {
            return value;
        }

        Error(node, $"'{key}' must be true or false, not '{node.Value}'");
        return null;
    }

    public int? PositiveInt(string key, bool required = false)
    {
        var node = Scalar(key, required, "a whole number");
        if (node is null)
        {
            return null;
        }

        if (int.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        Error(node, $"'{key}' must be a positive whole number, not '{node.Value}'");
        return null;
    }

    public double? Number(string key, bool required = false)
    {
        var node = Scalar(key, required, "a number");
        if (node is null)
        {
            return null;
        }

        if (double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(node, $"'{key}' must be a number, not '{node.Value}'");
        return null;
    }

    /// <summary>A Paris local time written <c>2025-02-08T10:00</c>.</summary>
    public DateTime? LocalDateTime(string key, bool required = false)
    {
        var node = Scalar(key, required, "a date and time");
        if (node is null)
        {
            return null;
        }

        if (DateTime.TryParseExact(node.Value, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        Error(node, $"'{key}' must be a Paris local date and time like 2025-02-08T10:00, not '{node.Value}'");
        return null;
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var node = Scalar(key, required, "a date");
        if (node is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(node.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        Error(node, $"'{key}' must be a date like 2025-02-08, not '{node.Value}'");
        return null;
    }

    /// <summary>One of a closed list of words, each mapped to its value.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices, bool required = false)
        where T : struct
    {
        var node = Scalar(key, required, "one of " + string.Join(", ", choices.Keys));
        if (node is null)
        {
            return null;
        }

        if (choices.TryGetValue(node.Value ?? "", out var value))
        {
            return value;
        }

        Error(node, $"'{key}' must be one of {string.Join(", ", choices.Keys)}, not '{node.Value}'{Suggestions.DidYouMean(node.Value ?? "", choices.Keys)}");
        return null;
    }

    /// <summary>A list of texts; a single text is accepted as a list of one.</summary>
    public IReadOnlyList<(string Value, YamlNode Node)> StringList(string key, bool required = false)
    {
        _known.Add(key);
        if (Find(key) is not { } entry)
        {
            if (required)
            {
                MissingField(key, "a list");
            }

            return [];
        }

        switch (entry.Value)
        {
            case YamlScalarNode scalar when !string.IsNullOrWhiteSpace(scalar.Value):
                return [(scalar.Value.Trim(), scalar)];
            case YamlScalarNode:
                return [];
            case YamlSequenceNode sequence:
                var items = new List<(string, YamlNode)>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } text } && text.Trim().Length > 0)
                    {
                        items.Add((text.Trim(), item));
                    }
                    else
                    {
                        Error(item, $"each item of '{key}' must be a text");
                    }
                }

                return items;
            default:
                Error(entry.Value, $"'{key}' must be a list of texts");
                return [];
        }
    }

    public YamlObject? Object(string key, bool required = false)
    {
        _known.Add(key);
        if (Find(key) is not { } entry)
        {
            if (required)
            {
                MissingField(key, "a mapping");
            }

            return null;
        }

        if (entry.Value is YamlMappingNode mapping)
        {
            return new YamlObject(mapping, Path, LineOffset, Diagnostics);
        }

        Error(entry.Value, $"'{key}' must be a mapping of fields, like {{ name: value }}");
        return null;
    }

    public IReadOnlyList<YamlObject> ObjectList(string key, bool required = false)
    {
        _known.Add(key);
        if (Find(key) is not { } entry)
        {
            if (required)
            {
                MissingField(key, "a list");
            }

            return [];
        }

        if (entry.Value is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (entry.Value is not YamlSequenceNode sequence)
        {
            Error(entry.Value, $"'{key}' must be a list");
            return [];
        }

        var items = new List<YamlObject>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlMappingNode mapping)
            {
                items.Add(new YamlObject(mapping, Path, LineOffset, Diagnostics));
            }
            else
            {
                Error(item, $"each item of '{key}' must be a mapping of fields");
            }
        }

        return items;
    }

    /// <summary>A text in both languages: <c>{ fr: "...", en: "..." }</c>.</summary>
    public LocalizedText? Localized(string key, bool required = false)
    {
        var inner = Object(key, required);
        if (inner is null)
        {
            return null;
        }

        var fr = inner.String("fr", required: true);
        var en = inner.String("en", required: true);
        inner.Complete();
        return fr is null || en is null ? null : new LocalizedText(fr, en);
    }

    /// <summary>Reports every field that no read asked for, with the closest known name.</summary>
    public void Complete()
    {
        foreach (var (keyNode, _) in _node.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (_known.Contains(key))
            {
                continue;
            }

            if (_elsewhere.TryGetValue(key, out var where))
            {
                Error(keyNode, $"field '{key}' is not translated: it belongs in {where}");
                continue;
            }

            Error(keyNode, $"unknown field '{key}'{Suggestions.DidYouMean(key, _known)}");
        }
    }

    private YamlScalarNode? Scalar(string key, bool required, string expected)
    {
        _known.Add(key);
        if (Find(key) is not { } entry)
        {
            if (required)
            {
                MissingField(key, expected);
            }

            return null;
        }

        if (entry.Value is YamlScalarNode scalar)
        {
            if (scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null")
            {
                if (required)
                {
                    Error(entry.Key, $"'{key}' needs a value: {expected}");
                }

                return null;
            }

            return scalar;
        }

        Error(entry.Value, $"'{key}' must be {expected}, not a {(entry.Value is YamlSequenceNode ? "list" : "mapping")}");
        return null;
    }

    private void MissingField(string key, string expected)
    {
        var (line, column) = Position;
        Diagnostics.Error(Path, line, column, $"missing required field '{key}' ({expected})");
    }

    private (YamlNode Key, YamlNode Value)? Find(string key)
    {
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return (k, v);
            }
        }

        return null;
    }
}
