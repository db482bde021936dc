using System.Text;
using System.Xml;
using WeekendCulturel.Generator.Writing;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.DataFiles;

/// <summary>An Atom feed (RFC 4287) of the press items, one per language.</summary>
public static class FeedWriter
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static IEnumerable<OutputFile> Write(RenderContext context)
    {
        foreach (var lang in new[] { Lang.Fr, Lang.En })
        {
            yield return OutputFile.Text(Routes.PressFeed(lang), Feed(context, lang));
        }
    }

    private static string Feed(RenderContext context, Lang lang)
    {
        var ui = Ui.For(lang);
        var items = context.Content.Press;
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("feed", Atom);
            writer.WriteAttributeString("xml", "lang", null, lang.Code());
            writer.WriteElementString("id", Atom, context.Absolute(Routes.PressFeed(lang)));
            writer.WriteElementString("title", Atom, $"{ui.Press} – {context.Site.Name[lang]}");
            writer.WriteElementString("updated", Atom, Timestamp(items.Count > 0 ? items.Max(i => i.Date) : context.Site.Days[0].Date));
            Link(writer, "self", context.Absolute(Routes.PressFeed(lang)));
            Link(writer, "alternate", context.Absolute(Routes.Press(lang)));
            writer.WriteStartElement("author", Atom);
            writer.WriteElementString("name", Atom, context.Site.OrganiserName[lang]);
            writer.WriteEndElement();
            foreach (var item in items)
            {
                var text = item.Text.For(lang);
                writer.WriteStartElement("entry", Atom);
                writer.WriteElementString("id", Atom, context.Absolute(Routes.PressItem(item, Lang.Fr)));
                writer.WriteElementString("title", Atom, text.Title);
                writer.WriteElementString("updated", Atom, Timestamp(item.Date));
                writer.WriteElementString("published", Atom, Timestamp(item.Date));
                Link(writer, "alternate", context.Absolute(Routes.PressItem(item, lang)));
                writer.WriteStartElement("category", Atom);
                writer.WriteAttributeString("term", ui.PressKindName(item.Kind));
                writer.WriteEndElement();
                writer.WriteElementString("summary", Atom, text.Summary);
                writer.WriteStartElement("content", Atom);
                writer.WriteAttributeString("type", "html");
                writer.WriteString(text.BodyHtml);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static string Timestamp(DateOnly date) =>
        SessionState.Iso(date.ToDateTime(new TimeOnly(9, 0)));

    private static void Link(XmlWriter writer, string rel, string href)
    {
        writer.WriteStartElement("link", Atom);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }
}
