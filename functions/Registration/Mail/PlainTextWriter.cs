using System.Text;

namespace WeekendCulturel.Registration.Mail;

/// <summary>
/// The plain-text alternative of a message, written from the same <see cref="MailMessage"/> as the HTML:
/// headings underlined, sessions as a list, every link written out in full after its label.
/// </summary>
public static class PlainTextWriter
{
    public static string Write(MailMessage message)
    {
        var fr = message.Lang != "en";
        var colon = fr ? "\u00a0: " : ": ";
        var text = new StringBuilder();
        text.Append(fr ? "Ministère de la Culture – Week-end culturel de l’IA" : "Ministère de la Culture – AI Cultural Weekend").Append("\n\n");
        Underlined(message.Heading, '=');
        foreach (var block in message.Blocks)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    text.Append(paragraph.Text).Append("\n\n");
                    break;
                case ButtonBlock button:
                    text.Append(button.Link.Label).Append(colon).Append(button.Link.Url).Append("\n\n");
                    break;
                case LinkBlock link:
                    text.Append(link.Lead).Append('\n').Append(Capitalised(link.Link.Label)).Append(colon).Append(link.Link.Url).Append("\n\n");
                    break;
                case SessionsBlock sessions:
                    foreach (var session in sessions.Sessions)
                    {
                        text.Append("* ").Append(session.Title).Append('\n');
                        text.Append("  ").Append(session.When).Append('\n');
                        if (session.Notes.Count > 0)
                        {
                            text.Append("  ").Append(string.Concat(session.Notes.Select(n => n.Text))).Append('\n');
                        }

                        foreach (var each in session.Links)
                        {
                            text.Append("  ").Append(each.Label).Append(colon).Append(each.Url).Append('\n');
                        }

                        text.Append('\n');
                    }

                    break;
                case BookingsBlock bookings:
                    foreach (var booking in bookings.Bookings)
                    {
                        text.Append("* ").Append(booking.Heading).Append('\n');
                        foreach (var title in booking.SessionTitles)
                        {
                            text.Append("  – ").Append(title).Append('\n');
                        }

                        text.Append("  ").Append(Capitalised(booking.Link.Label)).Append(colon).Append(booking.Link.Url).Append("\n\n");
                    }

                    break;
                default:
                    throw new InvalidOperationException($"no plain text for {block.GetType().Name}");
            }
        }

        // The conventional signature separator: mail clients grey out what follows.
        text.Append("-- \n").Append(message.Reason).Append('\n');
        foreach (var link in message.FooterLinks)
        {
            text.Append(link.Label).Append(colon).Append(link.Url).Append('\n');
        }

        return text.ToString();

        void Underlined(string heading, char line) =>
            text.Append(heading).Append('\n').Append(line, heading.Length).Append("\n\n");
    }

    internal static string Capitalised(string label) => label.Length == 0 ? label : char.ToUpperInvariant(label[0]) + label[1..];
}
