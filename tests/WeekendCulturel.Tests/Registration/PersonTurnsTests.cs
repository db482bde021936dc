using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Tests.Registration;

/// <summary>A person's requests take turns; other people never wait; nothing is kept once nobody asks.</summary>
public sealed class PersonTurnsTests
{
    [Fact]
    public async Task The_same_person_waits_for_the_turn_before_and_someone_else_does_not()
    {
        var turns = new PersonTurns();
        var first = await turns.TakeAsync("a", CancellationToken.None);

        var second = turns.TakeAsync("a", CancellationToken.None);
        var other = turns.TakeAsync("b", CancellationToken.None);

        Assert.True(other.IsCompleted);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        (await other).Dispose();
        Assert.Equal(0, turns.Count);
    }

    [Fact]
    public async Task A_wait_given_up_leaves_nothing_behind_and_ending_a_turn_twice_changes_nothing()
    {
        var turns = new PersonTurns();
        var held = await turns.TakeAsync("a", CancellationToken.None);
        using var giveUp = new CancellationTokenSource();

        var waiting = turns.TakeAsync("a", giveUp.Token);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, turns.Count);
        held.Dispose();
        held.Dispose();
        Assert.Equal(0, turns.Count);
        (await turns.TakeAsync("a", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        Assert.Equal(0, turns.Count);
    }
}
