using Azure.Data.Tables;
using WeekendCulturel.Registration.Domain;
using static WeekendCulturel.Registration.Storage.StorageGuard;

namespace WeekendCulturel.Registration.Storage;

/// <summary>The catalogue in storage: the sessions as the site publishes them, and the site's values (last day, page shells).</summary>
public sealed class CatalogueRows(TableClient table)
{
    public Task<IReadOnlyList<SessionDefinition>> SessionsAsync(CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var sessions = new List<SessionDefinition>();
        await foreach (var e in table.QueryAsync<SessionEntity>(x => x.PartitionKey == TableKeys.Sessions, cancellationToken: cancellation))
        {
            sessions.Add(new SessionDefinition(e.RowKey, e.TitleFr, e.TitleEn, e.Opens, e.Closes, e.Start, e.End, e.Capacity, e.Waitlist, new SessionLinks(e.PageFr, e.PageEn, e.CalendarFr, e.CalendarEn))
            {
                Calendars = e.CalendarTextFr is { } fr && e.CalendarTextEn is { } en ? new SessionCalendars(fr, en) : null,
            });
        }

        return (IReadOnlyList<SessionDefinition>)sessions;
    });

    public Task<string?> SiteValueAsync(string row, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var found = await table.GetEntityIfExistsAsync<SiteEntity>(TableKeys.Site, row, cancellationToken: cancellation);
        return found.HasValue ? found.Value!.Value : null;
    });

    public Task SetSiteValueAsync(string row, string value, CancellationToken cancellation = default) =>
        Guard(cancellation, () => table.UpsertEntityAsync(new SiteEntity { RowKey = row, Value = value }, TableUpdateMode.Replace, cancellation));

    /// <summary>
    /// The session as it will read back once stored: its calendars dropped when one is longer than a table's
    /// text may be (32K characters); e-mails then attach nothing for it.
    /// </summary>
    public static SessionDefinition AsStored(SessionDefinition session) =>
        session.Calendars is { } calendars && (calendars.Fr.Length > MaxText || calendars.En.Length > MaxText) ? session with { Calendars = null } : session;

    private const int MaxText = 32_000;

    public Task UpsertSessionAsync(SessionDefinition session, CancellationToken cancellation = default) => Guard(cancellation, () =>
        table.UpsertEntityAsync(
            new SessionEntity
            {
                RowKey = session.Id,
                TitleFr = session.TitleFr,
                TitleEn = session.TitleEn,
                Opens = session.Opens,
                Closes = session.Closes,
                Start = session.Start,
                End = session.End,
                Capacity = session.Capacity,
                Waitlist = session.Waitlist,
                PageFr = session.Links.PageFr,
                PageEn = session.Links.PageEn,
                CalendarFr = session.Links.CalendarFr,
                CalendarEn = session.Links.CalendarEn,
                CalendarTextFr = AsStored(session).Calendars?.Fr,
                CalendarTextEn = AsStored(session).Calendars?.En,
            },
            TableUpdateMode.Replace,
            cancellation));
}
