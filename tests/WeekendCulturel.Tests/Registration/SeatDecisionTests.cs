using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Tests.Registration;

/// <summary>What a registration gets from a session's seats: the rule alone, without storage.</summary>
public sealed class SeatDecisionTests
{
    [Fact]
    public void A_free_seat_is_given_whether_or_not_the_person_accepts_the_waiting_list()
    {
        Assert.Equal(SeatVerdict.Confirmed, SeatDecision.For(new SessionSeats(Capacity: 3, Confirmed: 2, Waitlist: false), acceptsWaitlist: false));
        Assert.Equal(SeatVerdict.Confirmed, SeatDecision.For(new SessionSeats(Capacity: 3, Confirmed: 2, Waitlist: true), acceptsWaitlist: true));
    }

    [Fact]
    public void A_full_session_with_a_waiting_list_puts_on_it_whoever_accepts_it()
    {
        Assert.Equal(SeatVerdict.Waitlisted, SeatDecision.For(new SessionSeats(Capacity: 3, Confirmed: 3, Waitlist: true), acceptsWaitlist: true));
    }

    [Fact]
    public void A_full_session_refuses_whoever_declines_the_waiting_list()
    {
        Assert.Equal(SeatVerdict.Full, SeatDecision.For(new SessionSeats(Capacity: 3, Confirmed: 3, Waitlist: true), acceptsWaitlist: false));
    }

    [Fact]
    public void A_full_session_without_a_waiting_list_refuses_even_whoever_would_wait()
    {
        Assert.Equal(SeatVerdict.Full, SeatDecision.For(new SessionSeats(Capacity: 3, Confirmed: 3, Waitlist: false), acceptsWaitlist: true));
    }

    [Fact]
    public void A_capacity_lowered_below_the_confirmed_gives_no_seat_and_counts_none_free()
    {
        var seats = new SessionSeats(Capacity: 2, Confirmed: 5, Waitlist: true);

        Assert.Equal(0, seats.Free);
        Assert.Equal(SeatVerdict.Waitlisted, SeatDecision.For(seats, acceptsWaitlist: true));
        Assert.Equal(SeatVerdict.Full, SeatDecision.For(seats with { Waitlist = false }, acceptsWaitlist: true));
    }

    [Fact]
    public void A_session_of_no_seats_sends_everyone_to_its_waiting_list()
    {
        Assert.Equal(SeatVerdict.Waitlisted, SeatDecision.For(new SessionSeats(Capacity: 0, Confirmed: 0, Waitlist: true), acceptsWaitlist: true));
    }
}
