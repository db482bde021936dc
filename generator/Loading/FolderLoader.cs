using System.Collections.Concurrent;
using WeekendCulturel.Generator.Diagnostics;
using WeekendCulturel.Generator.Rendering;

namespace WeekendCulturel.Generator.Loading;

/// <summary>Reads one item from its French file and, when there is one, its English translation.</summary>
internal delegate T? ItemReader<T>(SourceDocument french, SourceDocument? english, Action<InternalLink> addLink);

/// <summary>
/// Reads the folders of <c>id.md</c> / <c>id.en.md</c> pairs, whatever their kind: pairs the files, checks
/// their ids and translations, records where each item starts, and hands each pair to the kind's reader.
/// </summary>
internal sealed class FolderLoader(
    string contentDirectory,
    string displayRoot,
    DiagnosticBag diagnostics,
    ConcurrentBag<InternalLink> links,
    ConcurrentDictionary<SourceKey, SourceSpan> spans)
{
    /// <summary>The folder's items by id, in id order; drafts come back as null, left out of the site but still checked.</summary>
    public Dictionary<string, T?> Load<T>(string folder, ItemReader<T> read)
        where T : class
    {
        var directory = Path.Combine(contentDirectory, folder);
        if (!Directory.Exists(directory))
        {
            diagnostics.Error(DisplayPath.Of(displayRoot, directory), 1, 1, $"the folder '{folder}' is missing from the content");
            return [];
        }

        var files = Directory.GetFiles(directory, "*.md", SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        var documents = new ConcurrentDictionary<string, SourceDocument>(StringComparer.Ordinal);
        Parallel.ForEach(files, file =>
        {
            var document = SourceDocument.ReadMarkdown(file, DisplayPath.Of(displayRoot, file), diagnostics);
            documents[Path.GetFileName(file)] = document;
        });

        var french = documents.Values.Where(d => !d.IsEnglish).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var english = documents.Values.Where(d => d.IsEnglish).ToDictionary(d => d.Id, StringComparer.Ordinal);

        foreach (var document in documents.Values)
        {
            if (!ContentLoader.IdPattern().IsMatch(document.Id))
            {
                diagnostics.Error(document.Path, 1, 1, $"'{document.Id}' is not a valid id: use lower-case letters, digits and hyphens");
            }
        }

        foreach (var (id, translation) in english)
        {
            if (!french.ContainsKey(id))
            {
                diagnostics.Error(translation.Path, 1, 1, $"translation without a French original: {folder}/{id}.md does not exist");
            }
        }

        var results = new ConcurrentDictionary<string, T?>(StringComparer.Ordinal);
        Parallel.ForEach(french.Values, document =>
        {
            english.TryGetValue(document.Id, out var translation);
            if (translation is null)
            {
                diagnostics.Warning(document.Path, 1, 1, $"no English translation ({folder}/{document.Id}.en.md): the English site links to the French page");
            }

            var (line, column) = document.FrontMatter?.Position ?? (1, 1);
            spans[SourceKey.Item(folder, document.Id)] = new SourceSpan(document.Path, line, column);
            results[document.Id] = read(document, translation, links.Add);
        });
        // Files are read in parallel; the site must not depend on which finished first.
        return results.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }
}
