using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Tests.Registration;

/// <summary>Whom a freed seat goes to: the rule alone, without storage.</summary>
public sealed class PromotionTests
{
    [Fact]
    public void The_first_waiting_without_an_overlapping_seat_are_promoted_in_their_order()
    {
        var chosen = Promotion.Choose(["a", "b", "c", "d", "e"], new HashSet<string> { "b", "c" }, freeSeats: 2);

        Assert.Equal(["a", "d"], chosen);
    }

    [Fact]
    public void Nobody_is_promoted_without_a_free_seat()
    {
        Assert.Empty(Promotion.Choose(["a", "b"], new HashSet<string>(), freeSeats: 0));
        Assert.Empty(Promotion.Choose(["a", "b"], new HashSet<string>(), freeSeats: -1));
    }

    [Fact]
    public void A_seat_stays_free_when_everyone_waiting_holds_an_overlapping_seat()
    {
        Assert.Empty(Promotion.Choose(["a", "b"], new HashSet<string> { "a", "b" }, freeSeats: 1));
    }

    [Fact]
    public void More_free_seats_than_people_waiting_promote_everyone_who_may_be()
    {
        Assert.Equal(["a", "c"], Promotion.Choose(["a", "b", "c"], new HashSet<string> { "b" }, freeSeats: 10));
    }
}
