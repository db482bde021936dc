namespace WeekendCulturel.Registration.Mail;

/// <summary>
/// One message as it reads, in its language and independent of any format: the HTML template and the
/// plain-text writer both render this, so the two alternatives of an e-mail cannot say different things.
/// </summary>
/// <param name="Preview">The line mail clients show beside the subject in a list of messages.</param>
/// <param name="Reason">Why the recipient receives it (the footer's first sentence).</param>
/// <param name="FooterLinks">The footer's links: the personal-data page, the unsubscribe page.</param>
public sealed record MailMessage(
    string Lang,
    string Subject,
    string Preview,
    string Heading,
    IReadOnlyList<MailBlock> Blocks,
    string Reason,
    IReadOnlyList<MailLink> FooterLinks);

/// <summary>A link of a message: what it says and where it leads (an absolute address of the site).</summary>
public sealed record MailLink(string Label, string Url);

/// <summary>A piece of a paragraph, set in bold when it is what the reader must not miss (a deadline).</summary>
public sealed record MailRun(string Text, bool Strong = false);

/// <summary>One block of a message's body, in reading order.</summary>
public abstract record MailBlock;

/// <summary>A paragraph.</summary>
public sealed record ParagraphBlock(IReadOnlyList<MailRun> Runs) : MailBlock
{
    public ParagraphBlock(string text)
        : this([new MailRun(text)])
    {
    }

    public string Text => string.Concat(Runs.Select(r => r.Text));
}

/// <summary>Sessions, each with its time, what stands for the reader, and its own links.</summary>
public sealed record SessionsBlock(IReadOnlyList<SessionItem> Sessions) : MailBlock;

/// <summary>A session as a message lists it.</summary>
/// <param name="When">Its day and times in Paris, as the language writes them.</param>
/// <param name="Notes">What stands for the reader: the seat held until, the position on the waiting list.</param>
/// <param name="Links">Its page, and the page that gives the seat back.</param>
public sealed record SessionItem(string Title, string When, IReadOnlyList<MailRun> Notes, IReadOnlyList<MailLink> Links);

/// <summary>The message's main action: a link drawn as a button.</summary>
public sealed record ButtonBlock(MailLink Link) : MailBlock;

/// <summary>A secondary link on a line of its own, after a sentence that says what it is for.</summary>
public sealed record LinkBlock(string Lead, MailLink Link) : MailBlock;

/// <summary>The bookings of an address, each with the titles of its sessions and its page.</summary>
public sealed record BookingsBlock(IReadOnlyList<BookingItem> Bookings) : MailBlock;

/// <summary>A booking as the recovery message lists it.</summary>
public sealed record BookingItem(string Heading, IReadOnlyList<string> SessionTitles, MailLink Link);
