using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace WeekendCulturel.Generator.Loading;

/// <summary>
/// A YAML parser that remembers where each collection still open began, so that when the text cannot be read
/// the error can point at the <c>[</c> or <c>{</c> left open rather than at the line where the scanner gave up.
/// </summary>
internal sealed class FlowTrackingParser(IParser inner) : IParser
{
    private readonly Stack<(Mark Start, bool Flow)> _open = new();

    public ParsingEvent? Current => inner.Current;

    /// <summary>Where the innermost <c>[...]</c> or <c>{...}</c> still open began, if any.</summary>
    public Mark? OpenFlow => _open.FirstOrDefault(c => c.Flow) is { Flow: true } open ? open.Start : null;

    /// <summary>Where the last event read began.</summary>
    public Mark? LastRead { get; private set; }

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        var current = inner.Current!;
        LastRead = current.Start;
        switch (current)
        {
            case SequenceStart sequence:
                _open.Push((sequence.Start, sequence.Style == SequenceStyle.Flow));
                break;
            case MappingStart mapping:
                _open.Push((mapping.Start, mapping.Style == MappingStyle.Flow));
                break;
            case SequenceEnd or MappingEnd when _open.Count > 0:
                _open.Pop();
                break;
        }

        return true;
    }
}
