using WeekendCulturel.Registration;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>The time rules of version 2, pure: holds, offers, the cutoff before a session, reminders.</summary>
public sealed class SeatTermsTests
{
    private static readonly SeatTerms Terms = SeatTerms.From(new RegistrationOptions());

    // Starts at 10:00 on 8 February 2025.
    private static readonly SessionDefinition Session = TestSessions.Session("s", 10);

    private static DateTimeOffset At(string moment) => DateTimeOffset.Parse(moment);

    [Fact]
    public void A_seat_of_an_address_not_yet_verified_is_held_thirty_minutes_and_never_past_the_start()
    {
        Assert.Equal(At("2025-02-01T10:30:00+01:00"), Terms.HoldUntil(verified: false, At("2025-02-01T10:00:00+01:00"), Session));
        Assert.Equal(At("2025-02-08T10:00:00+01:00"), Terms.HoldUntil(verified: false, At("2025-02-08T09:50:00+01:00"), Session));
        Assert.Null(Terms.HoldUntil(verified: true, At("2025-02-01T10:00:00+01:00"), Session));
        Assert.Null(SeatTerms.Immediate.HoldUntil(verified: false, At("2025-02-01T10:00:00+01:00"), Session));
    }

    [Fact]
    public void A_freed_seat_is_offered_for_twelve_hours_but_never_past_the_cutoff_and_not_at_all_after_it()
    {
        Assert.Equal(FreedSeat.Offer, Terms.Freed(At("2025-02-01T10:00:00+01:00"), Session));
        Assert.Equal(At("2025-02-01T22:00:00+01:00"), Terms.OfferUntil(At("2025-02-01T10:00:00+01:00"), Session));
        Assert.Equal(At("2025-02-08T09:00:00+01:00"), Terms.OfferUntil(At("2025-02-08T02:00:00+01:00"), Session));
        Assert.Equal(FreedSeat.KeepForDoor, Terms.Freed(At("2025-02-08T09:00:00+01:00"), Session));
        Assert.Equal(FreedSeat.Confirm, SeatTerms.Immediate.Freed(At("2025-02-08T09:30:00+01:00"), Session));
    }

    [Fact]
    public void Seats_are_free_at_the_door_from_the_cutoff_to_the_end_of_the_session_only_under_version_2()
    {
        Assert.False(Terms.AtTheDoor(At("2025-02-08T08:59:00+01:00"), Session));
        Assert.True(Terms.AtTheDoor(At("2025-02-08T09:00:00+01:00"), Session));
        Assert.True(Terms.AtTheDoor(At("2025-02-08T10:30:00+01:00"), Session));
        Assert.False(Terms.AtTheDoor(At("2025-02-08T11:00:00+01:00"), Session));
        Assert.False(SeatTerms.Immediate.AtTheDoor(At("2025-02-08T09:30:00+01:00"), Session));
    }

    [Fact]
    public void Reminders_are_due_from_twenty_four_hours_before_the_start_until_it()
    {
        Assert.False(Terms.ReminderDue(At("2025-02-07T09:59:00+01:00"), Session));
        Assert.True(Terms.ReminderDue(At("2025-02-07T10:00:00+01:00"), Session));
        Assert.False(Terms.ReminderDue(At("2025-02-08T10:00:00+01:00"), Session));
    }

    [Fact]
    public void Held_seats_count_as_taken_when_a_registration_is_decided()
    {
        Assert.Equal(SeatVerdict.Waitlisted, SeatDecision.For(new SessionSeats(2, 1, true, Held: 1), acceptsWaitlist: true));
        Assert.Equal(SeatVerdict.Confirmed, SeatDecision.For(new SessionSeats(3, 1, true, Held: 1), acceptsWaitlist: true));
    }
}
