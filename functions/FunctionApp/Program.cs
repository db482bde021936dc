using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using WeekendCulturel.Functions;
using WeekendCulturel.Registration.Hosting;

// The Functions host: ASP.NET Core integration, and the same registration services as the local serve host.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ForwardedForMiddleware>();
builder.Services.AddRegistration(builder.Configuration);
builder.Build().Run();
