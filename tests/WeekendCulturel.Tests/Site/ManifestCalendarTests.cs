using System.Text;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>
/// The e-mails attach a session's calendar from the registration manifest: it must be the very file the site
/// serves for that session, byte for byte, in both languages.
/// </summary>
public sealed class ManifestCalendarTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    [Fact]
    public void The_manifest_carries_each_session_calendar_as_the_site_writes_it()
    {
        var manifest = site.Result.Registration!;

        Assert.NotEmpty(manifest.Sessions);
        foreach (var session in manifest.Sessions)
        {
            Assert.NotNull(session.Calendars);
            foreach (var lang in new[] { "fr", "en" })
            {
                var file = site.FileOf(session.Links.Calendar(lang)) ?? throw new FileNotFoundException(session.Links.Calendar(lang));
                var attached = session.CalendarFileFor(lang)!;

                Assert.Equal(File.ReadAllBytes(file), attached.Content);
                Assert.Equal(session.Id + ".ics", attached.FileName);
                Assert.Contains("UID:" + session.Id + "@", Encoding.UTF8.GetString(attached.Content), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_published_manifest_reads_back_as_the_built_one_without_the_calendar_texts()
    {
        var built = site.Result.Registration!;
        var json = File.ReadAllBytes(site.FileOf("/registration-manifest.json")!);

        Assert.Equal(built with { Sessions = [.. built.Sessions.Select(s => s with { Calendars = null })] }, RegistrationManifest.FromJson(json));
        Assert.DoesNotContain("BEGIN:VCALENDAR", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Fact]
    public void The_personal_data_page_the_emails_link_to_exists_in_both_languages()
    {
        Assert.NotNull(site.FileOf(site.Result.Registration!.Site.Fr.PersonalData));
        Assert.NotNull(site.FileOf(site.Result.Registration!.Site.En.PersonalData));
    }
}
