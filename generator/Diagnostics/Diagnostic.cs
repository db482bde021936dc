namespace WeekendCulturel.Generator.Diagnostics;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>A problem found in the content, at a place an editor can open.</summary>
public sealed record Diagnostic(Severity Severity, string Path, int Line, int Column, string Message)
{
    public override string ToString() =>
        $"{Path}:{Line}:{Column}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";
}

/// <summary>Collects every problem of a run so that all are reported together, then the run fails once.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly Lock _gate = new();

    public void Error(string path, int line, int column, string message) =>
        Add(new Diagnostic(Severity.Error, path, line, column, message));

    public void Warning(string path, int line, int column, string message) =>
        Add(new Diagnostic(Severity.Warning, path, line, column, message));

    public void Add(Diagnostic diagnostic)
    {
        lock (_gate)
        {
            _items.Add(diagnostic);
        }
    }

    public bool HasErrors
    {
        get
        {
            lock (_gate)
            {
                return _items.Any(d => d.Severity == Severity.Error);
            }
        }
    }

    /// <summary>The problems in file order, then line and column, so the report reads like the content.</summary>
    public IReadOnlyList<Diagnostic> Sorted()
    {
        lock (_gate)
        {
            return [.. _items.OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Message, StringComparer.Ordinal)];
        }
    }
}
