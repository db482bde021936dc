using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Mail;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Registration.Hosting;

/// <summary>The nudge of a host that sends its own mail (serve, the tests): the dispatcher runs in this process.</summary>
public sealed class InProcessNudge : IMessageNudge
{
    private readonly Channel<IReadOnlyList<OutboxAddress>> _channel = Channel.CreateUnbounded<IReadOnlyList<OutboxAddress>>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<IReadOnlyList<OutboxAddress>> Reader => _channel.Reader;

    public Task NudgeAsync(IReadOnlyList<OutboxAddress> messages, CancellationToken cancellation = default)
    {
        _channel.Writer.TryWrite(messages);
        return Task.CompletedTask;
    }
}

/// <summary>
/// In serve: sends what each nudge names as soon as it comes, and runs the sweeps (<see cref="Sweeps"/>)
/// every <see cref="SweepEvery"/>. On Azure the same work is a queue trigger and a timer trigger.
/// </summary>
public sealed class InProcessMailService(InProcessNudge nudge, MailDispatcher dispatcher, Sweeps sweeps, ILogger<InProcessMailService> logger) : BackgroundService
{
    public static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nudges = DispatchNudgesAsync(stoppingToken);
        using var timer = new PeriodicTimer(SweepEvery);
        var starting = true;
        try
        {
            do
            {
                try
                {
                    // The first pass sends whatever an earlier run of this host left unsent (it stopped, or had no relay).
                    await sweeps.RunAsync(starting, stoppingToken);
                    starting = false;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("sweep failed, tried again in {Seconds} s: {Reason}", SweepEvery.TotalSeconds, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await nudges;
    }

    private async Task DispatchNudgesAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var addresses in nudge.Reader.ReadAllAsync(stoppingToken))
            {
                // Every nudge that came meanwhile goes with this one: under load, one pass and one connection to the relay for many.
                var batch = new List<OutboxAddress>(addresses);
                while (nudge.Reader.TryRead(out var more))
                {
                    batch.AddRange(more);
                }

                try
                {
                    await dispatcher.DispatchAsync(batch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("dispatch failed, the sweep sends it: {Reason}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public static class InProcessMailServices
{
    /// <summary>The dispatcher and the sweeps running in this process, nudged directly: for serve and the tests.</summary>
    public static IServiceCollection AddInProcessMail(this IServiceCollection services)
    {
        services.AddHostedService<InProcessMailService>();
        return services;
    }
}
