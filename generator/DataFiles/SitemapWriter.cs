using System.Text;
using System.Xml;
using WeekendCulturel.Generator.Writing;
using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.DataFiles;

/// <summary><c>sitemap.xml</c> with each page's language alternates, and the <c>robots.txt</c> that points to it.</summary>
public static class SitemapWriter
{
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    public static IEnumerable<OutputFile> Write(RenderContext context, IEnumerable<PlannedPage> pages)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("urlset", SitemapNamespace);
            writer.WriteAttributeString("xmlns", "xhtml", null, XhtmlNamespace);
            foreach (var page in pages)
            {
                var meta = page.Parameters.Meta;
                if (!meta.Indexable)
                {
                    continue;
                }

                writer.WriteStartElement("url", SitemapNamespace);
                writer.WriteElementString("loc", SitemapNamespace, context.Absolute(meta.Path));
                if (meta.AlternatePath is { } alternate)
                {
                    WriteAlternate(writer, meta.Lang.Code(), context.Absolute(meta.Path));
                    WriteAlternate(writer, meta.Lang.Other().Code(), context.Absolute(alternate));
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        // StringBuilder output declares UTF-16; the file is UTF-8.
        yield return OutputFile.Text("sitemap.xml", builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal));
        yield return OutputFile.Text("robots.txt", $"User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {context.Absolute("/sitemap.xml")}\n");
    }

    private static void WriteAlternate(XmlWriter writer, string hreflang, string href)
    {
        writer.WriteStartElement("xhtml", "link", XhtmlNamespace);
        writer.WriteAttributeString("rel", "alternate");
        writer.WriteAttributeString("hreflang", hreflang);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }
}
