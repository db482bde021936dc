using System.Security.Cryptography;

namespace WeekendCulturel.Generator.Registration;

/// <summary>
/// Secrets of the local host (admin key, email-hash key), made once and kept in <c>.data/</c> so that
/// registrations and the organisers' key survive a restart. Never used on Azure, where Key Vault holds them.
/// </summary>
public static class LocalSecrets
{
    public static string GetOrCreate(string dataDirectory, string name)
    {
        Directory.CreateDirectory(dataDirectory);
        var file = Path.Combine(dataDirectory, name);
        if (File.Exists(file))
        {
            var existing = File.ReadAllText(file).Trim();
            if (existing.Length >= 32)
            {
                return existing;
            }
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(36)).Replace('+', '-').Replace('/', '_');
        File.WriteAllText(file, secret);
        return secret;
    }
}
