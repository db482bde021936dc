using System.Text;
using Microsoft.AspNetCore.Http;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// An HTML page of the API (the booking page, the form's error pages) with the site's security headers and
/// a policy that allows exactly the inline scripts the page carries (those of the site's shell). Never kept
/// by a cache: the booking page shows a name and an email, and the others answer a form.
/// </summary>
public sealed class HtmlPage(string html, int status) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy(SecurityHeaders.InlineScriptsOf(html));
        foreach (var (name, value) in SecurityHeaders.Fixed)
        {
            response.Headers[name] = value;
        }

        response.Headers.CacheControl = "no-store";
        return response.WriteAsync(html, Encoding.UTF8, httpContext.RequestAborted);
    }
}
