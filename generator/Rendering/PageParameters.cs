using WeekendCulturel.Theme.Model;
using WeekendCulturel.Theme.Pages;

namespace WeekendCulturel.Generator.Rendering;

/// <summary>
/// What a page component is given: every page takes the render context and its meta, a page that shows one
/// thing takes that thing too (a record per page below). Blazor wants the parameters by name; the names come
/// from the components' own properties, so renaming one in the theme breaks the build here, not the render.
/// </summary>
public record PageParameters(RenderContext Context, PageMeta Meta)
{
    /// <summary>The parameters by name, as <c>ParameterView.FromDictionary</c> takes them.</summary>
    public virtual Dictionary<string, object?> ByName() => new(StringComparer.Ordinal)
    {
        // Every page component has these two (HomePage stands for them all).
        [nameof(HomePage.Context)] = Context,
        [nameof(HomePage.Meta)] = Meta,
    };

    /// <summary><paramref name="parameters"/> with one more, for the pages that take one more.</summary>
    protected static Dictionary<string, object?> With(Dictionary<string, object?> parameters, string name, object value)
    {
        parameters[name] = value;
        return parameters;
    }
}

public sealed record SessionPageParameters(RenderContext Context, PageMeta Meta, Session Session) : PageParameters(Context, Meta)
{
    public override Dictionary<string, object?> ByName() => With(base.ByName(), nameof(SessionPage.Session), Session);
}

public sealed record VenuePageParameters(RenderContext Context, PageMeta Meta, Venue Venue) : PageParameters(Context, Meta)
{
    public override Dictionary<string, object?> ByName() => With(base.ByName(), nameof(VenuePage.Venue), Venue);
}

public sealed record PressItemPageParameters(RenderContext Context, PageMeta Meta, PressItem Item) : PageParameters(Context, Meta)
{
    public override Dictionary<string, object?> ByName() => With(base.ByName(), nameof(PressItemPage.Item), Item);
}

public sealed record TextPageParameters(RenderContext Context, PageMeta Meta, ContentPage Page) : PageParameters(Context, Meta)
{
    public override Dictionary<string, object?> ByName() => With(base.ByName(), nameof(TextPage.Page), Page);
}

/// <param name="Message">The message shown under the title.</param>
/// <param name="Raw">Markup put in as it is instead (the API's marker in a shell page).</param>
public sealed record MessagePageParameters(RenderContext Context, PageMeta Meta, string? Message = null, string? Raw = null) : PageParameters(Context, Meta)
{
    public override Dictionary<string, object?> ByName()
    {
        var parameters = base.ByName();
        if (Message is not null)
        {
            parameters[nameof(MessagePage.Message)] = Message;
        }

        if (Raw is not null)
        {
            parameters[nameof(MessagePage.Raw)] = Raw;
        }

        return parameters;
    }
}
