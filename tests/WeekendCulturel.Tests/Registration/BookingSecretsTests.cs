using System.Text;
using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Tests.Registration;

/// <summary>A booking's token and confirm code, derived from its id and the server's secret.</summary>
public sealed class BookingSecretsTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("test-email-hash-key-0123456789abcdefghij");
    private static readonly EmailIdentity Emails = new(Secret);

    [Fact]
    public void A_new_booking_s_token_lands_in_the_partition_of_its_person_and_is_derived_again_from_its_id_alone()
    {
        var secrets = new BookingSecrets(Secret);
        for (var i = 0; i < 300; i++)
        {
            var hash = Emails.Hash($"person.{i}@example.org");
            var (bookingId, token) = secrets.NewBooking(hash);

            Assert.True(ManageToken.IsWellFormed(token));
            Assert.Equal(BookingEntityPartition(hash), BookingEntityPartition(ManageToken.Hash(token)));
            Assert.Equal(token, new BookingSecrets(Secret).TokenFor(bookingId));
        }
    }

    [Fact]
    public void The_confirm_code_is_128_bits_the_booking_s_own_and_another_secret_gives_another()
    {
        var secrets = new BookingSecrets(Secret);
        var code = secrets.CodeFor("b_abc");

        Assert.Equal(16, Convert.FromBase64String(code.Replace('-', '+').Replace('_', '/') + "==").Length);
        Assert.True(secrets.IsCode("b_abc", code));
        Assert.False(secrets.IsCode("b_abd", code));
        Assert.False(secrets.IsCode("b_abc", null));
        Assert.False(new BookingSecrets(Encoding.UTF8.GetBytes("another-secret-0123456789abcdefghijklmn")).IsCode("b_abc", code));
        Assert.NotEqual(secrets.TokenFor("b_abc")[..22], code);
    }

    [Fact]
    public void A_keyed_request_names_the_same_booking_every_time_and_its_token_fits_its_person()
    {
        var secrets = new BookingSecrets(Secret);
        var keys = new IdempotencyKeys(Secret);
        var hash = Emails.Hash("camille@example.org");

        var first = keys.BookingIdFor("0123456789abcdef0123", hash, ["a", "b"], secrets);

        Assert.Equal(first, keys.BookingIdFor("0123456789abcdef0123", hash, ["a", "b"], secrets));
        Assert.NotEqual(first, keys.BookingIdFor("0123456789abcdef0123", hash, ["a"], secrets));
        Assert.True(secrets.Fits(first, hash));
    }

    private static string BookingEntityPartition(string hash) => WeekendCulturel.Registration.Storage.BookingEntity.PartitionFor(hash);
}
