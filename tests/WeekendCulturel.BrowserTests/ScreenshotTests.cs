using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// Pictures of the main pages, desktop and phone, light and dark, for people to look at: written to
/// SCREENSHOTS_DIR (docs/screenshots keeps the current set; set SCREENSHOTS_DIR=docs/screenshots to renew it),
/// else under the test output. Each picture is read back to check what it shows: the viewport's size, a page
/// rather than a blank, the scheme's background behind the header, and the element the picture is taken for.
/// </summary>
[Collection(SiteCollection.Drawing)]
public sealed class ScreenshotTests(SiteUnderTest site)
{
    // The background an element is painted on: its own, else the nearest ancestor's that is not transparent.
    private const string BackgroundAt = """
        ([x, y]) => {
            for (let e = document.elementFromPoint(x, y); e; e = e.parentElement) {
                const colour = getComputedStyle(e).backgroundColor;
                if (colour !== 'transparent' && !/^rgba\(.*, 0\)$/.test(colour)) return colour;
            }
            return 'rgb(255, 255, 255)';
        }
        """;

    private static string Directory_ =>
        Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is { Length: > 0 } dir
            ? Path.GetFullPath(dir, SiteUnderTest.RepositoryRoot)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Theory]
    [MemberData(nameof(SiteUnderTest.Displays), MemberType = typeof(SiteUnderTest))]
    public async Task The_main_pages_are_pictured(string scheme, int width, bool mobile)
    {
        Directory.CreateDirectory(Directory_);
        var height = mobile ? 800 : 1000;
        await using var context = await site.ContextAsync(width: width, height: height, scheme: scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, mobile: mobile);
        var page = await context.NewPageAsync();
        var device = mobile ? "phone" : "desktop";
        async Task Shoot(string name, ILocator shown)
        {
            var what = $"{name}-{device}-{scheme}";
            var picture = PngImage.Decode(await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory_, what + ".png") }));

            Assert.Equal((width, height), (picture.Width, picture.Height));

            // A page, not a blank: text and blocks on a background spread the brightness of the pixels.
            var colours = picture.Colours();
            var pixels = (double)(width * height);
            var mean = colours.Sum(c => c.Key.Luminance * c.Value) / pixels;
            var spread = Math.Sqrt(colours.Sum(c => (c.Key.Luminance - mean) * (c.Key.Luminance - mean) * c.Value) / pixels);
            Assert.True(spread > 0.1, $"{what}: the picture is almost uniform (spread of brightness {spread:0.000})");

            // The scheme: the commonest colour, the page's background, and the header's background, where the
            // header is in the picture, are light in the light scheme and dark in the dark one.
            var commonest = colours.MaxBy(c => c.Value).Key;
            AssertScheme(commonest, $"{what}: the commonest colour");
            var header = await page.Locator("header.fr-header").BoundingBoxAsync() ?? throw new InvalidOperationException($"{what}: no header");
            if (header.Y + 4 >= 0)
            {
                var (x, y) = (4, (int)header.Y + 4);
                var painted = picture[x, y];
                var styled = Rgb.ParseCss(await page.EvaluateAsync<string>(BackgroundAt, new[] { x, y }));
                Assert.True(painted.IsNear(styled, 2), $"{what}: the header shows {painted} where its style says {styled}");
                AssertScheme(painted, $"{what}: the header's background");
            }

            // The element the picture is for lies inside it, and something is drawn there.
            var box = await shown.BoundingBoxAsync() ?? throw new InvalidOperationException($"{what}: {shown} is not shown");
            Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width && box.Y + box.Height <= height, $"{what}: {shown} at ({box.X}, {box.Y}) {box.Width}×{box.Height} is not wholly in the picture");
            var drawn = picture.Colours((int)box.X, (int)box.Y, (int)box.Width, (int)box.Height).Count;
            Assert.True(drawn > 2, $"{what}: {shown} is drawn in {drawn} colour(s)");
        }

        void AssertScheme(Rgb colour, string what) =>
            Assert.True(scheme == "dark" ? colour.Luminance < 0.05 : colour.Luminance > 0.8, $"{what}, {colour}, is not {scheme}");

        var title = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await page.GotoAsync("/");
        await Shoot("home", title);
        await page.GotoAsync("/programme/");
        await Shoot("programme", title);
        await page.GotoAsync("/programme/atelier-compar-ia/");
        await Assertions.Expect(page.Locator(".wc-registration .wc-live")).Not.ToBeEmptyAsync();
        await Shoot("session", title);

        await page.GotoAsync("/inscription/?session=atelier-compar-ia-3");
        await page.GetByLabel("Prénom").FillAsync("Camille");
        await page.GetByLabel(new Regex("^Adresse électronique")).FillAsync("camille@");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon inscription" }).ClickAsync();
        await Assertions.Expect(page.Locator("#erreurs")).ToBeFocusedAsync();
        await Shoot("form-errors", page.Locator("#erreurs"));

        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Martin");
        await page.GetByLabel(new Regex("^Adresse électronique")).FillAsync($"camille.{device}.{scheme}@example.org");
        await page.Locator("label[for=acceptPrivacy]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon inscription" }).ClickAsync();
        var booked = page.Locator("[data-session=atelier-compar-ia-3]");
        await Assertions.Expect(booked).ToContainTextAsync("Place retenue jusqu’au");
        // What a first registration shows first: the box asking to confirm from the inbox (the seats follow it).
        await Shoot("confirmation", page.GetByRole(AriaRole.Heading, new() { Name = "Confirmez depuis votre messagerie" }));
    }

    [Fact]
    public async Task The_picture_reader_reads_the_colours_chromium_drew()
    {
        await using var context = await site.ContextAsync(width: 200, height: 100);
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <body style="margin:0; display:grid; grid-template-columns:1fr 1fr; height:100vh">
            <div style="background:#ff0000"></div><div style="background:#00ff00"></div>
            <div style="background:#0000ff"></div><div style="background:linear-gradient(to right, #000, #fff)"></div>
            """);

        var picture = PngImage.Decode(await page.ScreenshotAsync());

        Assert.Equal((200, 100), (picture.Width, picture.Height));
        Assert.Equal(new Rgb(255, 0, 0), picture[10, 10]);
        Assert.Equal(new Rgb(0, 255, 0), picture[190, 10]);
        Assert.Equal(new Rgb(0, 0, 255), picture[10, 90]);
        var gradient = Enumerable.Range(100, 100).Select(x => picture[x, 90]).ToList();
        Assert.All(gradient, p => Assert.True(p.R == p.G && p.G == p.B, $"{p} is not grey"));
        Assert.True(gradient[0].R < 10 && gradient[^1].R > 245, $"the gradient runs from {gradient[0]} to {gradient[^1]}");
        Assert.Equal(gradient.Select(p => p.R).Order(), gradient.Select(p => p.R));
    }
}
