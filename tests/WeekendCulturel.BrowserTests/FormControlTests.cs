using System.Text.Json;
using Microsoft.Playwright;
using WeekendCulturel.Generator.Rendering;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// Every control a visitor must fill or tick, on every page with a form, can be seen and used. axe reads the
/// accessibility tree, where a visually hidden label still names its box: it cannot tell that nothing is drawn.
/// </summary>
[Collection(SiteCollection.Drawing)]
public sealed class FormControlTests(SiteUnderTest site)
{
    // Scrolls the control to the middle of the screen and says whether what draws it can be seen there. The DSFR
    // draws checkboxes and radios with their label (the input itself is transparent), so the label is what must
    // show when the control does not.
    private const string Inspect = """
        el => {
            const transparent = e => { for (let n = e; n; n = n.parentElement) { if (parseFloat(getComputedStyle(n).opacity) === 0) return true; } return false; };
            const labels = [...(el.labels ?? [])];
            const drawn = !transparent(el) ? el : labels.find(l => !transparent(l)) ?? labels[0] ?? el;
            drawn.scrollIntoView({ block: 'center', inline: 'center' });
            const problems = [];
            const style = getComputedStyle(drawn);
            if (style.visibility !== 'visible') problems.push('visibility: ' + style.visibility);
            if (transparent(drawn)) problems.push('opacity: 0');
            const r = drawn.getBoundingClientRect();
            let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
            for (let n = drawn; n; n = n.parentElement) {
                const s = getComputedStyle(n);
                if ((s.position === 'absolute' || s.position === 'fixed') && s.clip !== 'auto') problems.push('clip: ' + s.clip + ' on ' + n.tagName.toLowerCase() + (n.className ? '.' + n.className : ''));
                if (s.clipPath !== 'none') problems.push('clip-path: ' + s.clipPath + ' on ' + n.tagName.toLowerCase());
                if (n !== drawn && s.overflow !== 'visible') {
                    const c = n.getBoundingClientRect();
                    box = { left: Math.max(box.left, c.left), top: Math.max(box.top, c.top), right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom) };
                }
            }
            const width = box.right - box.left, height = box.bottom - box.top;
            // A box this small is the "screen reader only" pattern: no eye sees it, no finger hits it.
            if (width < 8 || height < 8) problems.push(`a ${Math.max(width, 0)}×${Math.max(height, 0)} px box`);
            else if (box.left < 0 || box.top < 0 || box.right > innerWidth + 0.5 || box.bottom > innerHeight + 0.5) problems.push(`outside the ${innerWidth}×${innerHeight} viewport when scrolled to (${Math.round(box.left)},${Math.round(box.top)})-(${Math.round(box.right)},${Math.round(box.bottom)})`);
            const x = (box.left + box.right) / 2, y = (box.top + box.bottom) / 2;
            const hit = problems.length === 0 ? document.elementFromPoint(x, y) : null;
            if (problems.length === 0 && !(hit && (drawn.contains(hit) || el === hit || labels.some(l => l.contains(hit))))) problems.push('covered by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing'));
            return { problems, x, y, drawnBy: drawn === el ? 'itself' : 'its label' };
        }
        """;

    private IEnumerable<string> PagesWithAForm() =>
        site.Pages.Where(p => File.ReadAllText(Path.Combine(site.Output, PlannedPage.OutputFileOf(p))).Contains("<form", StringComparison.Ordinal));

    [Theory]
    [InlineData(1280, false)]
    [InlineData(375, true)]
    public async Task Every_control_to_fill_or_tick_in_every_form_can_be_seen_and_used(int width, bool mobile)
    {
        var pages = PagesWithAForm().ToList();
        Assert.Superset(new HashSet<string> { "/", "/en/", "/inscription/", "/en/registration/" }, pages.ToHashSet());
        // All the pages at once, so that the checks on one page wait on the browser rather than on the others;
        // each in a context of its own, as under serve every open page keeps one of the six connections a
        // context has to the host.
        var results = await Task.WhenAll(pages.Select(async path =>
        {
            await using var context = await site.ContextAsync(width: width, height: 800, mobile: mobile);
            return await CheckControlsAsync(await context.NewPageAsync(), path);
        }));
        var checkedControls = results.Sum(r => r.Checked);
        var problems = results.SelectMany(r => r.Problems).ToList();

        Assert.True(checkedControls > 40, $"only {checkedControls} controls checked on {string.Join(", ", pages)}");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static async Task<(int Checked, IReadOnlyList<string> Problems)> CheckControlsAsync(IPage page, string path)
    {
        var problems = new List<string>();
        var checkedControls = 0;
        await page.GotoAsync(path);
        var controls = page.Locator("form input:not([type=hidden]), form select, form textarea");
        var all = await controls.EvaluateAllAsync<JsonElement>("els => els.map(e => ({ type: e.type, id: e.getAttribute('id'), toUse: e.required || e.type === 'checkbox' || e.type === 'radio' }))");
        foreach (var (fact, i) in all.EnumerateArray().Select((f, i) => (f, i)))
        {
            if (!fact.GetProperty("toUse").GetBoolean())
            {
                continue;
            }

            checkedControls++;
            var control = controls.Nth(i);
            var type = fact.GetProperty("type").GetString();
            var name = $"{path} {type} #{fact.GetProperty("id").GetString()}";
            var seen = await control.EvaluateAsync<JsonElement>(Inspect);
            var faults = seen.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
            if (faults.Count > 0)
            {
                problems.Add($"{name}, drawn by {seen.GetProperty("drawnBy").GetString()}: {string.Join("; ", faults)}");
                continue;
            }

            if (await control.IsDisabledAsync())
            {
                continue;
            }

            // A visitor clicks where the control is drawn: a box ticks, a radio turns on, a field takes the focus.
            var x = seen.GetProperty("x").GetSingle();
            var y = seen.GetProperty("y").GetSingle();
            var wasChecked = type is "checkbox" or "radio" && await control.IsCheckedAsync();
            await page.Mouse.ClickAsync(x, y);
            var works = type switch
            {
                "checkbox" => await control.IsCheckedAsync() != wasChecked,
                "radio" => await control.IsCheckedAsync(),
                _ => await control.EvaluateAsync<bool>("e => e === document.activeElement"),
            };
            if (!works)
            {
                problems.Add($"{name}: a click on it does not {(type is "checkbox" or "radio" ? "tick it" : "focus it")}");
            }
            else if (type == "checkbox")
            {
                await page.Mouse.ClickAsync(x, y);
            }
        }

        return (checkedControls, problems);
    }
}
