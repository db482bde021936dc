namespace WeekendCulturel.Registration.Mail.Templates;

/// <summary>
/// The e-mails' look, as inline styles (many mail clients drop a <c>style</c> element): the DSFR's colours
/// in its light theme, Marianne falling back to Arial. The small sheet only adds what inline styles cannot
/// say, the dark scheme and narrower margins on a phone, for the clients that read it.
/// </summary>
public static class MailStyle
{
    // DSFR 1.x tokens, light theme (theme/node_modules/@gouvfr/dsfr/dist/dsfr.css).
    public const string BlueFrance = "#000091";          // --blue-france-sun-113-625: actions, links
    public const string BlueFranceAlt = "#f5f5fe";       // --blue-france-975-75: background-alt-blue-france
    public const string TextTitle = "#161616";           // --grey-50-1000: text-title-grey
    public const string TextDefault = "#3a3a3a";         // --grey-200-850: text-default-grey
    public const string TextMention = "#666666";         // --grey-425-625: text-mention-grey
    public const string Border = "#dddddd";              // --grey-900-175: border-default-grey
    public const string BackgroundAlt = "#f6f6f6";       // --grey-975-75: background-alt-grey
    public const string White = "#ffffff";

    public const string Font = "font-family:Marianne,Arial,sans-serif;";

    public const string Page = "margin:0;padding:0;width:100%;background-color:" + BackgroundAlt + ";";
    public const string Card = "width:100%;max-width:600px;background-color:" + White + ";border-top:4px solid " + BlueFrance + ";";
    public const string Ministry = Font + "margin:0;font-size:14px;line-height:18px;font-weight:700;letter-spacing:0.02em;text-transform:uppercase;color:" + TextTitle + ";";
    public const string Service = Font + "margin:8px 0 0;font-size:16px;line-height:24px;font-weight:700;color:" + TextTitle + ";";
    public const string Heading1 = Font + "margin:24px 0 16px;font-size:28px;line-height:36px;font-weight:700;color:" + TextTitle + ";";
    public const string Heading2 = Font + "margin:0 0 4px;font-size:18px;line-height:24px;font-weight:700;color:" + TextTitle + ";";
    public const string Paragraph = Font + "margin:0 0 16px;font-size:16px;line-height:24px;color:" + TextDefault + ";";
    public const string Small = Font + "margin:0 0 4px;font-size:16px;line-height:24px;color:" + TextDefault + ";";
    public const string Link = "color:" + BlueFrance + ";text-decoration:underline;";
    public const string Session = "margin:0 0 16px;padding:12px 16px;background-color:" + BlueFranceAlt + ";border-left:4px solid " + BlueFrance + ";";
    public const string ButtonCell = "background-color:" + BlueFrance + ";";
    public const string Button = Font + "display:inline-block;padding:12px 24px;font-size:16px;line-height:24px;font-weight:700;color:" + White + ";text-decoration:none;";
    public const string Footer = Font + "margin:0 0 8px;font-size:14px;line-height:20px;color:" + TextMention + ";";

    /// <summary>Dark scheme (DSFR dark tokens) and phone margins; the inline styles are the light scheme.</summary>
    public const string Sheet =
        "@media (max-width:480px){.wc-outer{padding:0 !important}.wc-cell{padding-left:16px !important;padding-right:16px !important}.wc-h1{font-size:24px !important;line-height:32px !important}}" +
        "@media (prefers-color-scheme:dark){" +
        ".wc-page{background-color:#161616 !important}.wc-card{background-color:#1e1e1e !important;border-top-color:#8585f6 !important}" +
        ".wc-title{color:#ffffff !important}.wc-text{color:#cecece !important}.wc-mention{color:#929292 !important}" +
        ".wc-link{color:#8585f6 !important}.wc-session{background-color:#1b1b35 !important;border-left-color:#8585f6 !important}" +
        ".wc-button-cell{background-color:#8585f6 !important}.wc-button{color:#000091 !important}.wc-footer{border-top-color:#353535 !important}}";
}
