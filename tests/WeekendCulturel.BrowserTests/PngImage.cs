using System.Buffers.Binary;
using System.IO.Compression;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// The pixels of a PNG as Chromium writes its screenshots (8 bits per channel, RGB or RGBA, not interlaced),
/// so that a test can say what a picture shows rather than how many bytes it has.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private readonly byte[] _rgb;

    private PngImage(int width, int height, byte[] rgb)
    {
        Width = width;
        Height = height;
        _rgb = rgb;
    }

    public int Width { get; }

    public int Height { get; }

    public Rgb this[int x, int y]
    {
        get
        {
            var at = ((y * Width) + x) * 3;
            return new Rgb(_rgb[at], _rgb[at + 1], _rgb[at + 2]);
        }
    }

    public static PngImage Decode(byte[] png)
    {
        if (png.Length < Signature.Length || !png.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new FormatException("not a PNG");
        }

        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (var at = Signature.Length; at + 8 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    var (depth, colour, interlace) = (data[8], data[9], data[12]);
                    channels = colour switch { 2 => 3, 6 => 4, _ => 0 };
                    if (depth != 8 || channels == 0 || interlace != 0)
                    {
                        throw new FormatException($"PNG of depth {depth}, colour type {colour}, interlace {interlace}: only 8-bit RGB or RGBA, not interlaced, is read");
                    }

                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
            }

            at += 12 + length;
        }

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new PngImage(width, height, Unfilter(inflated.GetBuffer().AsSpan(0, (int)inflated.Length), width, height, channels));
    }

    // Each scanline starts with a filter byte; the filters predict a byte from its left, upper and upper-left neighbours.
    private static byte[] Unfilter(ReadOnlySpan<byte> data, int width, int height, int channels)
    {
        var stride = width * channels;
        if (data.Length != height * (stride + 1))
        {
            throw new FormatException($"PNG data of {data.Length} bytes for {width}×{height}×{channels}");
        }

        var previous = new byte[stride];
        var line = new byte[stride];
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (stride + 1)];
            var raw = data.Slice((y * (stride + 1)) + 1, stride);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? line[i - channels] : 0, up = previous[i], upLeft = i >= channels ? previous[i - channels] : 0;
                line[i] = unchecked((byte)(raw[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new FormatException($"PNG filter {filter}"),
                }));
            }

            for (var x = 0; x < width; x++)
            {
                line.AsSpan(x * channels, 3).CopyTo(rgb.AsSpan(((y * width) + x) * 3));
            }

            (previous, line) = (line, previous);
        }

        return rgb;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var (toLeft, toUp, toUpLeft) = (Math.Abs(estimate - left), Math.Abs(estimate - up), Math.Abs(estimate - upLeft));
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }

    /// <summary>How many pixels of each colour a rectangle holds, clipped to the picture.</summary>
    public IReadOnlyDictionary<Rgb, int> Colours(int left, int top, int width, int height)
    {
        var counts = new Dictionary<Rgb, int>();
        for (var y = Math.Max(top, 0); y < Math.Min(top + height, Height); y++)
        {
            for (var x = Math.Max(left, 0); x < Math.Min(left + width, Width); x++)
            {
                var colour = this[x, y];
                counts[colour] = counts.GetValueOrDefault(colour) + 1;
            }
        }

        return counts;
    }

    public IReadOnlyDictionary<Rgb, int> Colours() => Colours(0, 0, Width, Height);
}

/// <summary>One pixel's colour, 0 to 255 a channel.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>The WCAG relative luminance: 0 for black, 1 for white.</summary>
    public double Luminance => (0.2126 * Linear[R]) + (0.7152 * Linear[G]) + (0.0722 * Linear[B]);

    /// <summary>A CSS colour as <c>getComputedStyle</c> gives it: <c>rgb(r, g, b)</c> or <c>rgba(r, g, b, a)</c>.</summary>
    public static Rgb ParseCss(string css)
    {
        var parts = css[(css.IndexOf('(', StringComparison.Ordinal) + 1)..css.IndexOf(')', StringComparison.Ordinal)].Split(',');
        return new Rgb(byte.Parse(parts[0].Trim(), System.Globalization.CultureInfo.InvariantCulture), byte.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture), byte.Parse(parts[2].Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public bool IsNear(Rgb other, int tolerance) =>
        Math.Abs(R - other.R) <= tolerance && Math.Abs(G - other.G) <= tolerance && Math.Abs(B - other.B) <= tolerance;

    public override string ToString() => $"rgb({R}, {G}, {B})";

    private static readonly double[] Linear = [.. Enumerable.Range(0, 256).Select(channel =>
    {
        var c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    })];
}
