using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// A form posted without JavaScript with mistakes comes back as the same form, filled in with what was sent,
/// each error beside its field and a summary at the top.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FormPageTests(AzuriteFixture azurite)
{
    private const string Hostile = "Martin\"><script>alert(1)</script>";

    [Fact]
    public async Task A_registration_form_with_mistakes_comes_back_filled_in_with_each_error_beside_its_field()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var form = new FormUrlEncodedContent(
        [
            new("lang", "fr"), new("sessions", "small"), new("sessions", "nulle-part"), new("sessions", "rush"),
            new("firstName", ""), new("lastName", Hostile), new("email", "camille@"), new("organisation", "Musée d’Orsay & \"co\""),
            new("acceptWaitlist", "true"), new("website", ""),
        ]);

        var response = await api.Client.PostAsync("/api/registrations", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        var page = new HtmlParser().ParseDocument(html);
        var posted = Assert.IsAssignableFrom<IHtmlFormElement>(page.QuerySelector("form"));
        Assert.Equal("/api/registrations", posted.GetAttribute("action"));
        Assert.Equal("post", posted.Method, ignoreCase: true);
        Assert.Equal("fr", Input(page, "lang").Value);

        // What was sent, as it was sent, and nothing of it read as markup.
        Assert.Equal("", Input(page, "firstName").Value);
        Assert.Equal(Hostile, Input(page, "lastName").Value);
        Assert.Equal("camille@", Input(page, "email").Value);
        Assert.Equal("Musée d’Orsay & \"co\"", Input(page, "organisation").Value);
        Assert.Empty(page.QuerySelectorAll("script"));
        var ticked = page.QuerySelectorAll("input[name=sessions]").Cast<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value).ToList();
        Assert.Equal(["rush", "small"], ticked.Order(StringComparer.Ordinal));
        Assert.Equal(TestSessions.Standard.Count, page.QuerySelectorAll("input[name=sessions]").Length);
        Assert.True(Input(page, "acceptWaitlist").IsChecked);
        Assert.False(Input(page, "acceptPrivacy").IsChecked);
        Assert.Equal("", Input(page, "website").Value);

        // Each error beside its field; the field without a mistake has none.
        ErrorBeside(page, "firstName", "Ce champ est obligatoire.");
        ErrorBeside(page, "lastName", "chevrons");
        ErrorBeside(page, "email", "Saisissez une adresse électronique valide");
        ErrorBeside(page, "acceptPrivacy", "Vous devez accepter le traitement");
        var sessions = page.GetElementById("sessions")!;
        Assert.Contains("fr-fieldset--error", sessions.ClassList);
        Assert.Contains(Described(page, sessions), e => e.TextContent.Contains("Séance inconnue\u00a0: nulle-part.", StringComparison.Ordinal) && sessions.Contains(e));
        var organisation = Input(page, "organisation");
        Assert.Null(organisation.GetAttribute("aria-invalid"));
        Assert.DoesNotContain(organisation.Closest(".fr-input-group")!.ClassList, c => c.EndsWith("--error", StringComparison.Ordinal));

        // A summary before the form, its links leading to the fields.
        var summary = page.GetElementById("erreurs")!;
        Assert.True(html.IndexOf("id=\"erreurs\"", StringComparison.Ordinal) < html.IndexOf("<form", StringComparison.Ordinal));
        var links = summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#sessions", "#firstName", "#lastName", "#email", "#acceptPrivacy"], links);
        Assert.All(links, l => Assert.NotNull(page.GetElementById(l![1..])));
        Assert.DoesNotContain("Précédent", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_newsletter_form_with_a_mistake_comes_back_as_the_newsletter_form()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        foreach (var (lang, name, registration) in new[] { ("fr", "Lettre d’information", "inscri"), ("en", "Newsletter", "regist") })
        {
            var response = await api.Client.PostAsync("/api/newsletter", new FormUrlEncodedContent([new("lang", lang), new("email", "pas-une-adresse"), new("website", "")]));

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            var page = new HtmlParser().ParseDocument(html);
            Assert.Contains(name, page.Title, StringComparison.Ordinal);
            Assert.Contains(name, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(registration, html, StringComparison.Ordinal);
            Assert.Equal("/api/newsletter", page.QuerySelector("form")!.GetAttribute("action"));
            var email = page.QuerySelector("form input[name=email]")!;
            Assert.Equal("pas-une-adresse", email.GetAttribute("value"));
            ErrorBeside(page, email.Id!, lang == "fr" ? "Saisissez une adresse électronique valide" : "Enter a valid email address");
            ErrorBeside(page, page.QuerySelector("form input[name=acceptPrivacy]")!.Id!, lang == "fr" ? "Vous devez accepter que votre adresse serve à vous envoyer la lettre" : "You must accept that your address is used to send you the newsletter");
            Assert.Contains(page.GetElementById("erreurs")!.QuerySelectorAll("a"), a => a.GetAttribute("href") == "#" + email.Id);
        }
    }

    private static IHtmlInputElement Input(IDocument page, string name) =>
        Assert.IsAssignableFrom<IHtmlInputElement>(page.QuerySelector($"form [name={name}]"));

    /// <summary>The elements an element's <c>aria-describedby</c> names.</summary>
    private static IEnumerable<IElement> Described(IDocument page, IElement element) =>
        (element.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(page.GetElementById).OfType<IElement>();

    /// <summary>The field is marked invalid, its group in the error state, and the message is in that group and read with the field.</summary>
    private static void ErrorBeside(IDocument page, string id, string message)
    {
        var input = page.GetElementById(id)!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var group = input.Closest(".fr-input-group, .fr-checkbox-group")!;
        Assert.Contains(group.ClassList, c => c is "fr-input-group--error" or "fr-checkbox-group--error");
        var error = Assert.Single(Described(page, input), e => e.TextContent.Contains(message, StringComparison.Ordinal));
        Assert.Contains("fr-error-text", error.ClassList);
        Assert.True(group.Contains(error), $"the error for {id} is not beside it");
    }
}
