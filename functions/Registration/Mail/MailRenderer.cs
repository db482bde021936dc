namespace WeekendCulturel.Registration.Mail;

/// <summary>Placeholder until the Razor templates land (replaced by the templates' renderer).</summary>
public sealed class MailRenderer
{
    public Task<RenderedMail> RenderAsync(MailContent content)
    {
        var text = string.Join("\n", new[] { content.Links.Confirm, content.Links.Booking, content.Links.NewsletterConfirm }.Where(l => l is not null));
        return Task.FromResult(new RenderedMail(content.Kind.ToString(), $"<html lang=\"{content.Lang}\"><body><p>{System.Net.WebUtility.HtmlEncode(text)}</p></body></html>", text));
    }
}
