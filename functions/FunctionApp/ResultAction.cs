using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace WeekendCulturel.Functions;

/// <summary>Lets a function answer with the handlers' <see cref="IResult"/> through the ASP.NET Core integration.</summary>
public sealed class ResultAction(IResult result) : IActionResult
{
    public IResult Result => result;

    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
