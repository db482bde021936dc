using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using WeekendCulturel.Registration.Mail;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// The e-mails as a mail client shows them, in Chromium: the messages that ask for an action, rendered by the
/// real templates, checked by axe and pictured on a computer and on a phone (written to SCREENSHOTS_DIR as
/// <c>email-*.png</c>, else under the test output, with each message's HTML and text beside them there to
/// preview). Each picture is read back: not blank, its heading in the first screen, no horizontal scroll.
/// </summary>
[Collection(SiteCollection.Drawing)]
public sealed class EmailTests(SiteUnderTest site)
{
    private static readonly MessageKind[] Pictured = [MessageKind.ConfirmRequest, MessageKind.Offer, MessageKind.Reminder];

    private static string Pictures =>
        Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is { Length: > 0 } dir
            ? Path.GetFullPath(dir, SiteUnderTest.RepositoryRoot)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    private static string Previews => Path.Combine(AppContext.BaseDirectory, "emails");

    public static TheoryData<int, bool> Devices => new() { { 1280, false }, { 375, true } };

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task The_emails_pass_axe_and_are_pictured_on_a_computer_and_a_phone(int width, bool mobile)
    {
        Directory.CreateDirectory(Pictures);
        Directory.CreateDirectory(Previews);
        const int height = 900;
        var device = mobile ? "phone" : "desktop";
        await using var renderer = new MailRenderer(new Uri(MailSamples.Site), NullLoggerFactory.Instance);
        await using var context = await site.ContextAsync(width: width, height: height, mobile: mobile);
        await AxeChecker.PrepareAsync(context);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        foreach (var kind in Pictured)
        {
            foreach (var lang in new[] { "fr", "en" })
            {
                var what = $"email-{Slug(kind)}-{lang}-{device}";
                var mail = await renderer.RenderAsync(MailSamples.Content(kind, lang));
                await File.WriteAllTextAsync(Path.Combine(Previews, $"{Slug(kind)}-{lang}.html"), mail.Html);
                await File.WriteAllTextAsync(Path.Combine(Previews, $"{Slug(kind)}-{lang}.txt"), mail.Text);

                await page.SetContentAsync(mail.Html);
                if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
                {
                    await AxeChecker.AddToAsync(page);
                }

                problems.AddRange(await AxeChecker.ViolationsAsync(page, what));

                // The message fits the screen's width: nothing to scroll sideways, on a phone least of all.
                var sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
                var (scroll, inner) = (sizes[0], sizes[1]);
                Assert.True(scroll <= inner, $"{what}: {scroll} px wide in a {inner} px window");

                var picture = PngImage.Decode(await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Pictures, what + ".png"), FullPage = true }));
                Assert.Equal(width, picture.Width);
                Assert.True(picture.Height >= height, $"{what}: {picture.Height} px high");

                // Not a blank: text and blocks on a background spread the brightness of the pixels.
                var colours = picture.Colours();
                var pixels = (double)(picture.Width * picture.Height);
                var mean = colours.Sum(c => c.Key.Luminance * c.Value) / pixels;
                var spread = Math.Sqrt(colours.Sum(c => (c.Key.Luminance - mean) * (c.Key.Luminance - mean) * c.Value) / pixels);
                Assert.True(spread > 0.1, $"{what}: the picture is almost uniform (spread of brightness {spread:0.000})");

                // The heading is in the first screen, drawn, and the button (where there is one) is wide and high enough to tap.
                var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
                await Assertions.Expect(heading).ToBeVisibleAsync();
                var box = await heading.BoundingBoxAsync() ?? throw new InvalidOperationException($"{what}: no heading");
                Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width && box.Y + box.Height <= height, $"{what}: the heading at ({box.X}, {box.Y}) {box.Width}×{box.Height} is not in the first screen");
                Assert.True(picture.Colours((int)box.X, (int)box.Y, (int)box.Width, (int)box.Height).Count > 2, $"{what}: the heading is not drawn");
                var button = page.Locator(".wc-button");
                if (await button.CountAsync() > 0)
                {
                    var tap = await button.BoundingBoxAsync() ?? throw new InvalidOperationException($"{what}: the button is not shown");
                    Assert.True(tap.Height >= 44 && tap.Width >= 44 && tap.X + tap.Width <= width, $"{what}: the button is {tap.Width}×{tap.Height} at x {tap.X}");
                    var painted = picture[(int)(tap.X + 4), (int)(tap.Y + (tap.Height / 2))];
                    Assert.True(painted.IsNear(new Rgb(0, 0, 0x91), 2), $"{what}: the button is painted {painted}, not blue France");
                }
            }
        }

        Assert.Empty(problems);
    }

    private static string Slug(MessageKind kind) => kind switch
    {
        MessageKind.ConfirmRequest => "confirm-request",
        MessageKind.Offer => "offer",
        MessageKind.Reminder => "reminder",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
