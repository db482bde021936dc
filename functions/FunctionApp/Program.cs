using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WeekendCulturel.Functions;
using WeekendCulturel.Registration.Hosting;
using WeekendCulturel.Registration.Mail;

// The Functions host: ASP.NET Core integration, and the same registration services as the local serve host.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ForwardedForMiddleware>();

// E-mails are nudged through a queue of the app's own storage, which starts the dispatch function.
builder.Services.AddSingleton<IMessageNudge>(_ => new QueueNudge(QueueNudge.QueueFrom(builder.Configuration)));
builder.Services.AddRegistration(builder.Configuration);
builder.Build().Run();
