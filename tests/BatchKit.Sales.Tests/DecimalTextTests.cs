using System.Globalization;
using System.Text;

namespace BatchKit.Sales.Tests;

public sealed class DecimalTextTests
{
    [Theory]
    [InlineData("2.95", 29500L)]
    [InlineData("18", 180000L)]
    [InlineData("0", 0L)]
    [InlineData("0.001", 10L)]
    [InlineData("-1.5", -15000L)]
    [InlineData("0.00005", -1L)]                 // five decimals: decimal only
    [InlineData("12345678901234567890.5", -1L)]  // long: Utf8Parser path
    public void Parses_exactly_with_the_fixed_point_form_where_it_fits(string text, long fixedUnits)
    {
        Assert.True(DecimalText.TryParse(Encoding.UTF8.GetBytes(text), out var value, out var units));

        Assert.Equal(decimal.Parse(text, CultureInfo.InvariantCulture), value);
        Assert.Equal(fixedUnits, units);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1e3")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("NaN")]
    public void Refuses_anything_but_a_plain_number(string text) =>
        Assert.False(DecimalText.TryParse(Encoding.UTF8.GetBytes(text), out _, out _));
}
